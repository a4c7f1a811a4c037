using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProdStatus.Testing.Jira;

/// <summary>The issues of the fake Jira. Guard every access with <see cref="Gate"/>.</summary>
public sealed partial class FakeJiraState
{
    private int _nextId = 10_000;
    private readonly DateTimeOffset _epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public object Gate { get; } = new();

    public Dictionary<string, FakeIssue> Issues { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, int> ProjectCounters { get; } = new(StringComparer.OrdinalIgnoreCase) { ["DRP"] = 0 };

    public List<FakeLink> Links { get; } = [];

    /// <summary>Creates (or returns) an issue; used to pre-seed summary issues and production tickets.</summary>
    public FakeIssue Seed(string key, string summary = "", string description = "")
    {
        lock (Gate)
        {
            string project = key[..key.LastIndexOf('-')];
            ProjectCounters.TryAdd(project, 0);
            var issue = new FakeIssue(NewId(), key, project) { Summary = summary, Description = description };
            Issues[key] = issue;
            return issue;
        }
    }

    public string NewId() => (_nextId++).ToString(CultureInfo.InvariantCulture);

    /// <summary>A strictly increasing creation time, so "newest" is well defined.</summary>
    public DateTimeOffset NextTime() => _epoch.AddSeconds(_nextId);

    public JsonObject IssueJson(FakeIssue issue, Uri baseUri) => new()
    {
        ["id"] = issue.Id,
        ["key"] = issue.Key,
        ["self"] = new Uri(baseUri, $"rest/api/2/issue/{issue.Id}").ToString(),
        ["fields"] = new JsonObject
        {
            ["summary"] = issue.Summary,
            ["description"] = issue.Description.Length == 0 ? null : issue.Description,
            ["attachment"] = new JsonArray([.. issue.Attachments.Select(a => (JsonNode)AttachmentJson(a, baseUri))]),
            ["issuelinks"] = new JsonArray([.. Links.Where(l => l.Inward == issue.Key || l.Outward == issue.Key)
                .Select(l => (JsonNode)(l.Inward == issue.Key
                    ? new JsonObject { ["id"] = l.Id, ["type"] = new JsonObject { ["name"] = l.Type }, ["outwardIssue"] = new JsonObject { ["key"] = l.Outward } }
                    : new JsonObject { ["id"] = l.Id, ["type"] = new JsonObject { ["name"] = l.Type }, ["inwardIssue"] = new JsonObject { ["key"] = l.Inward } }))]),
        },
    };

    public static JsonObject CommentJson(FakeComment c) => new()
    {
        ["id"] = c.Id, ["body"] = c.Body, ["created"] = JiraTime(c.Created), ["updated"] = JiraTime(c.Updated),
    };

    public static JsonObject AttachmentJson(FakeAttachment a, Uri baseUri) => new()
    {
        ["id"] = a.Id, ["filename"] = a.FileName, ["size"] = a.Content.Length, ["created"] = JiraTime(a.Created),
        ["content"] = new Uri(baseUri, $"secure/attachment/{a.Id}/{Uri.EscapeDataString(a.FileName)}").ToString(),
    };

    /// <summary>Jira's own format: <c>2022-01-27T20:50:42.000+0000</c>.</summary>
    public static string JiraTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    /// <summary>The JQL subset the engine writes: <c>field = "v"</c> / <c>field ~ "v"</c> joined by AND, fields project, issue/key, summary.</summary>
    public List<FakeIssue> Search(string jql)
    {
        var clauses = Clause().Matches(jql).Select(m => (Field: m.Groups[1].Value.ToLowerInvariant(), Op: m.Groups[2].Value,
            Value: Regex.Unescape(m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value))).ToList();
        string rest = Regex.Replace(Clause().Replace(jql, ""), @"(?i)\bAND\b", "").Trim();
        if (clauses.Count == 0 || rest.Length > 0 || Regex.Split(jql, "(?i) AND ").Length != clauses.Count)
        {
            throw new FormatException($"fake Jira cannot read JQL '{jql}'");
        }
        return Issues.Values.Where(i => clauses.All(c => c.Field switch
        {
            "project" => string.Equals(i.Project, c.Value, StringComparison.OrdinalIgnoreCase),
            "issue" or "key" => string.Equals(i.Key, c.Value, StringComparison.OrdinalIgnoreCase),
            "summary" => i.Summary.Contains(c.Value, StringComparison.OrdinalIgnoreCase),
            _ => false,
        })).OrderBy(i => int.Parse(i.Id, CultureInfo.InvariantCulture)).ToList();
    }

    [GeneratedRegex("""(\w+)\s*(=|~)\s*(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))""")]
    private static partial Regex Clause();
}

public sealed class FakeIssue(string id, string key, string project)
{
    public string Id { get; } = id;

    public string Key { get; } = key;

    public string Project { get; } = project;

    public string Summary { get; set; } = "";

    public string Description { get; set; } = "";

    public List<string> Components { get; } = [];

    public List<FakeComment> Comments { get; } = [];

    public List<FakeAttachment> Attachments { get; } = [];
}

public sealed record FakeComment(string Id, string Body, DateTimeOffset Created, DateTimeOffset Updated);

public sealed record FakeAttachment(string Id, string FileName, byte[] Content, string ContentType, DateTimeOffset Created);

public sealed record FakeLink(string Id, string Type, string Inward, string Outward);
