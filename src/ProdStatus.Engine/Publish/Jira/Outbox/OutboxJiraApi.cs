using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Output;

namespace ProdStatus.Engine.Publish.Jira.Outbox;

/// <summary>
/// Jira as seen by a dry run: every write becomes one numbered JSON file in the outbox folder (method, REST path,
/// request body) plus the rendered text (<c>.txt</c>) or the attached file, and is applied to a local copy so the
/// rest of the run reads its own writes. Reads go to Jira when it is configured, otherwise to the local copy.
/// </summary>
public sealed class OutboxJiraApi : IJiraApi
{
    private const string Api = JiraClient.Api;
    private readonly string _dir;
    private readonly IJiraApi? _live;
    private readonly int _maxFieldLength;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly OutboxState _state;

    public OutboxJiraApi(string directory, IJiraApi? live, int maxFieldLength, TimeProvider time)
    {
        _dir = directory;
        _live = live;
        _maxFieldLength = maxFieldLength;
        _time = time;
        _state = live is null ? OutboxState.Load(StatePath) : new OutboxState();
    }

    public string Directory => _dir;

    private string StatePath => Path.Combine(_dir, "state.json");

    public async Task<JiraIssue> GetIssueAsync(string key, CancellationToken cancellationToken = default) =>
        (await IssueAsync(key, cancellationToken)).ToIssue();

    public async Task<string> CreateIssueAsync(JiraNewIssue issue, CancellationToken cancellationToken = default)
    {
        CheckLength(issue.Description, issue.Project);
        string key = $"OUTBOX-{_state.NextIssue++}";
        _state.Issues[key] = new OutboxIssue { Key = key, Summary = issue.Summary, Description = issue.Description };
        var fields = new JsonObject
        {
            ["project"] = new JsonObject { ["key"] = issue.Project },
            ["issuetype"] = new JsonObject { ["name"] = issue.IssueType },
            ["summary"] = issue.Summary,
            ["description"] = issue.Description,
            ["components"] = new JsonArray([.. issue.Components.Select(c => (JsonNode)new JsonObject { ["name"] = c })]),
        };
        await RecordAsync("POST", $"{Api}issue", "create-issue", key, new JsonObject { ["fields"] = fields }, issue.Description, cancellationToken);
        return key;
    }

    public async Task EditIssueAsync(string key, string? summary, string? description, CancellationToken cancellationToken = default)
    {
        var issue = await IssueAsync(key, cancellationToken);
        var fields = new JsonObject();
        if (summary is not null)
        {
            issue.Summary = summary;
            fields["summary"] = summary;
        }
        if (description is not null)
        {
            CheckLength(description, key);
            issue.Description = description;
            fields["description"] = description;
        }
        await RecordAsync("PUT", $"{Api}issue/{key}", "edit-issue", key, new JsonObject { ["fields"] = fields }, description, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> SearchAsync(string jql, int maxResults = 1000, CancellationToken cancellationToken = default)
    {
        if (_live is not null)
        {
            return await _live.SearchAsync(jql, maxResults, cancellationToken);
        }
        return OfflineSearch.Run(jql, _state.Issues.Values).Take(maxResults).ToList();
    }

    public async Task<IReadOnlyList<JiraComment>> GetCommentsAsync(string key, CancellationToken cancellationToken = default) =>
        (await IssueAsync(key, cancellationToken)).Comments.ToList();

    public async Task<JiraComment> AddCommentAsync(string key, string body, CancellationToken cancellationToken = default)
    {
        CheckLength(body, key);
        var issue = await IssueAsync(key, cancellationToken);
        var now = _time.GetUtcNow();
        var comment = new JiraComment(_state.NewId(), body, now, now);
        issue.Comments.Add(comment);
        await RecordAsync("POST", $"{Api}issue/{key}/comment", "add-comment", key, new JsonObject { ["body"] = body }, body, cancellationToken);
        return comment;
    }

    public async Task UpdateCommentAsync(string key, string commentId, string body, CancellationToken cancellationToken = default)
    {
        CheckLength(body, key);
        var issue = await IssueAsync(key, cancellationToken);
        int index = issue.Comments.FindIndex(c => c.Id == commentId);
        if (index >= 0)
        {
            issue.Comments[index] = issue.Comments[index] with { Body = body, Updated = _time.GetUtcNow() };
        }
        await RecordAsync("PUT", $"{Api}issue/{key}/comment/{commentId}", "update-comment", key, new JsonObject { ["body"] = body }, body, cancellationToken);
    }

    public async Task DeleteCommentAsync(string key, string commentId, CancellationToken cancellationToken = default)
    {
        var issue = await IssueAsync(key, cancellationToken);
        issue.Comments.RemoveAll(c => c.Id == commentId);
        await RecordAsync("DELETE", $"{Api}issue/{key}/comment/{commentId}", "delete-comment", key, null, null, cancellationToken);
    }

    public async Task<IReadOnlyList<JiraAttachment>> AddAttachmentAsync(string key, JiraUpload file, CancellationToken cancellationToken = default)
    {
        var issue = await IssueAsync(key, cancellationToken);
        string stored = Path.Combine(_dir, "files", $"{NextSequence():D4}-{file.FileName}");
        await AtomicFile.WriteAllBytesAsync(stored, file.Content, cancellationToken);
        var attachment = new OutboxAttachment(_state.NewId(), file.FileName, file.Content.Length, _time.GetUtcNow(), stored);
        issue.Attachments.Add(attachment);
        var body = new JsonObject
        {
            ["multipartField"] = "file", ["fileName"] = file.FileName, ["contentType"] = file.ContentType,
            ["size"] = file.Content.Length, ["storedAs"] = stored, ["headers"] = new JsonObject { ["X-Atlassian-Token"] = "no-check" },
        };
        await RecordAsync("POST", $"{Api}issue/{key}/attachments", "add-attachment", key, body, null, cancellationToken);
        return [new JiraAttachment(attachment.Id, attachment.FileName, attachment.Size, attachment.Created)];
    }

    public async Task<byte[]> DownloadAttachmentAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        var local = _state.Issues.Values.SelectMany(i => i.Attachments).FirstOrDefault(a => a.Id == attachmentId);
        if (local?.File is { } file)
        {
            return await File.ReadAllBytesAsync(file, cancellationToken);
        }
        return _live is not null
            ? await _live.DownloadAttachmentAsync(attachmentId, cancellationToken)
            : throw new UserInputException($"Jira: attachment {attachmentId} is not in the outbox and Jira is not configured");
    }

    public async Task DeleteAttachmentAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        var owner = _state.Issues.Values.FirstOrDefault(i => i.Attachments.Any(a => a.Id == attachmentId));
        owner?.Attachments.RemoveAll(a => a.Id == attachmentId);
        await RecordAsync("DELETE", $"{Api}attachment/{attachmentId}", "delete-attachment", owner?.Key ?? "attachment", null, null, cancellationToken);
    }

    public async Task CreateIssueLinkAsync(string typeName, string inwardKey, string outwardKey, CancellationToken cancellationToken = default)
    {
        var link = new JiraIssueLink(_state.NewId(), typeName, inwardKey, outwardKey);
        foreach (string key in new[] { inwardKey, outwardKey })
        {
            if (_state.Issues.TryGetValue(key, out var issue))
            {
                issue.Links.Add(link);
            }
        }
        var body = new JsonObject
        {
            ["type"] = new JsonObject { ["name"] = typeName },
            ["inwardIssue"] = new JsonObject { ["key"] = inwardKey },
            ["outwardIssue"] = new JsonObject { ["key"] = outwardKey },
        };
        await RecordAsync("POST", $"{Api}issueLink", "create-link", inwardKey, body, null, cancellationToken);
    }

    private async Task<OutboxIssue> IssueAsync(string key, CancellationToken cancellationToken)
    {
        if (_state.Issues.TryGetValue(key, out var known))
        {
            return known;
        }
        if (_live is null)
        {
            // Offline, an issue nobody wrote yet (a summary issue, a production ticket) starts empty.
            var empty = new OutboxIssue { Key = key };
            _state.Issues[key] = empty;
            return empty;
        }
        var issue = await _live.GetIssueAsync(key, cancellationToken);
        var comments = await _live.GetCommentsAsync(key, cancellationToken);
        var copy = new OutboxIssue
        {
            Key = issue.Key, Summary = issue.Summary, Description = issue.Description, Comments = comments.ToList(),
            Attachments = issue.Attachments.Select(a => new OutboxAttachment(a.Id, a.FileName, a.Size, a.Created, null)).ToList(),
            Links = issue.Links.ToList(),
        };
        _state.Issues[issue.Key] = copy;
        return copy;
    }

    private async Task RecordAsync(string method, string path, string operation, string key, JsonNode? body, string? text, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            int sequence = NextSequence();
            string stem = Path.Combine(_dir, $"{sequence:D4}-{operation}-{key}");
            var request = new JsonObject
            {
                ["sequence"] = sequence, ["time"] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                ["operation"] = operation, ["issue"] = key, ["method"] = method, ["path"] = path, ["body"] = body,
            };
            if (text is not null)
            {
                request["renderedBody"] = Path.GetFileName(stem + ".txt");
                await AtomicFile.WriteAllTextAsync(stem + ".txt", text, cancellationToken);
            }
            await AtomicFile.WriteAllBytesAsync(stem + ".json", Encoding.UTF8.GetBytes(request.ToJsonString(new() { WriteIndented = true })), cancellationToken);
            if (_live is null)
            {
                await _state.SaveAsync(StatePath, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private int NextSequence()
    {
        if (!System.IO.Directory.Exists(_dir))
        {
            return 1;
        }
        return System.IO.Directory.EnumerateFiles(_dir, "*.json")
            .Select(f => Path.GetFileName(f))
            .Select(n => n.Length > 4 && int.TryParse(n.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : 0)
            .DefaultIfEmpty(0).Max() + 1;
    }

    private void CheckLength(string text, string key)
    {
        if (text.Length > _maxFieldLength)
        {
            throw new UserInputException($"Jira: a text for {key} is {text.Length} characters; Jira accepts at most {_maxFieldLength}");
        }
    }
}
