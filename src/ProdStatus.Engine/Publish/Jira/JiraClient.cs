using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Publish.Jira;

/// <summary>
/// Typed Jira REST v2 client (Cloud and Data Center, wiki-markup bodies). Retries, timeouts and Retry-After come from
/// the resilience pipeline set up in <see cref="JiraServiceCollectionExtensions"/>; this class maps answers and errors.
/// </summary>
public sealed partial class JiraClient(HttpClient http, IOptions<JiraOptions> options) : IJiraApi
{
    internal const string Api = "rest/api/2/";
    private const int PageSize = 100;

    public async Task<JiraIssue> GetIssueAsync(string key, CancellationToken cancellationToken = default)
    {
        var json = await SendJsonAsync(HttpMethod.Get, $"{Api}issue/{Esc(key)}?fields=summary,description,attachment,issuelinks", null,
            $"get issue {key}", cancellationToken);
        return ParseIssue(json!, key);
    }

    public async Task<string> CreateIssueAsync(JiraNewIssue issue, CancellationToken cancellationToken = default)
    {
        CheckLength("description", issue.Project, issue.Description);
        var fields = new JsonObject
        {
            ["project"] = new JsonObject { ["key"] = issue.Project },
            ["issuetype"] = new JsonObject { ["name"] = issue.IssueType },
            ["summary"] = issue.Summary,
            ["description"] = issue.Description,
        };
        if (issue.Components.Count > 0)
        {
            fields["components"] = new JsonArray([.. issue.Components.Select(c => (JsonNode)new JsonObject { ["name"] = c })]);
        }
        var json = await SendJsonAsync(HttpMethod.Post, $"{Api}issue", new JsonObject { ["fields"] = fields },
            $"create issue in {issue.Project}", cancellationToken);
        return json?["key"]?.GetValue<string>() ?? throw new JiraException($"create issue in {issue.Project}", HttpStatusCode.Created, ["answer has no key"]);
    }

    public async Task EditIssueAsync(string key, string? summary, string? description, CancellationToken cancellationToken = default)
    {
        var fields = new JsonObject();
        if (summary is not null)
        {
            fields["summary"] = summary;
        }
        if (description is not null)
        {
            CheckLength("description", key, description);
            fields["description"] = description;
        }
        string query = options.Value.NotifyUsers ? "" : "?notifyUsers=false";
        await SendJsonAsync(HttpMethod.Put, $"{Api}issue/{Esc(key)}{query}", new JsonObject { ["fields"] = fields }, $"edit issue {key}", cancellationToken);
    }

    public async Task<IReadOnlyList<string>> SearchAsync(string jql, int maxResults = 1000, CancellationToken cancellationToken = default)
    {
        var keys = new List<string>();
        string? token = null;
        while (keys.Count < maxResults)
        {
            int page = Math.Min(PageSize, maxResults - keys.Count);
            string path = options.Value.IsCloud
                ? $"{Api}search/jql?jql={Uri.EscapeDataString(jql)}&fields=key&maxResults={page}" +
                  (token is null ? "" : $"&nextPageToken={Uri.EscapeDataString(token)}")
                : $"{Api}search?jql={Uri.EscapeDataString(jql)}&fields=key&maxResults={page}&startAt={keys.Count}";
            var json = await SendJsonAsync(HttpMethod.Get, path, null, $"search '{jql}'", cancellationToken);
            var issues = json?["issues"]?.AsArray() ?? [];
            keys.AddRange(issues.Select(i => i?["key"]?.GetValue<string>()).OfType<string>());
            if (options.Value.IsCloud)
            {
                token = json?["nextPageToken"]?.GetValue<string>();
                if (token is null || json?["isLast"]?.GetValue<bool>() == true || issues.Count == 0)
                {
                    break;
                }
            }
            else if (issues.Count == 0 || keys.Count >= (json?["total"]?.GetValue<int>() ?? 0))
            {
                break;
            }
        }
        return keys;
    }

    private async Task<JsonNode?> SendJsonAsync(HttpMethod method, string path, JsonNode? body, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        using var response = await SendAsync(request, operation, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException ex)
        {
            // A proxy or single-sign-on page answering 200 instead of Jira.
            throw new JiraException(operation, response.StatusCode, ["the answer is not JSON; is BaseUrl the Jira site (not a login page)?"], ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string operation, CancellationToken cancellationToken,
        bool notFoundIsSuccess = false)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new JiraException(operation, null, [ex.Message], ex);
        }
        if (response.IsSuccessStatusCode || (notFoundIsSuccess && response.StatusCode == HttpStatusCode.NotFound))
        {
            return response;
        }
        using (response)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new JiraException(operation, response.StatusCode, ErrorMessages(text));
        }
    }

    /// <summary>Jira's error body: <c>{"errorMessages":[...],"errors":{"field":"message"}}</c>; anything else is cut short.</summary>
    internal static IReadOnlyList<string> ErrorMessages(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                var messages = (json["errorMessages"] as JsonArray ?? []).Select(m => m?.ToString()).OfType<string>().ToList();
                if (json["errors"] is JsonObject errors)
                {
                    messages.AddRange(errors.Select(e => $"{e.Key}: {e.Value}"));
                }
                return messages;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }
        string flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length == 0 ? [] : [flat.Length > 200 ? flat[..200] + "…" : flat];
    }

    private void CheckLength(string field, string key, string text)
    {
        int max = options.Value.MaxFieldLength;
        if (text.Length > max)
        {
            throw new UserInputException($"Jira: the {field} for {key} is {text.Length} characters; Jira accepts at most {max} ({JiraOptions.Section}:MaxFieldLength)");
        }
    }

    private static string Esc(string value) => Uri.EscapeDataString(value);

    internal static DateTimeOffset? ParseTime(JsonNode? node)
    {
        if (node?.GetValue<string>() is not { Length: > 0 } text)
        {
            return null;
        }
        // Jira writes offsets without a colon: 2022-01-27T20:50:42.000+0000.
        if (text.Length > 5 && text[^5] is '+' or '-' && char.IsDigit(text[^1]))
        {
            text = text[..^2] + ":" + text[^2..];
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.ToUniversalTime() : null;
    }
}
