using Microsoft.Extensions.Options;

namespace ProdStatus.Engine.Configuration;

/// <summary>Checks <c>ProdStatus:Jira</c>; every message names the key to fix. Secrets are never echoed.</summary>
internal sealed class JiraOptionsValidator : IValidateOptions<JiraOptions>
{
    public ValidateOptionsResult Validate(string? name, JiraOptions options)
    {
        var errors = new List<string>();
        const string s = JiraOptions.Section;
        if (!string.IsNullOrWhiteSpace(options.BaseUrl) && !IsHttpUrl(options.BaseUrl))
        {
            errors.Add($"{s}:BaseUrl must be an absolute http(s) URL (got '{options.BaseUrl}')");
        }
        if (!string.IsNullOrWhiteSpace(options.BrowseUrl) && !IsHttpUrl(options.BrowseUrl))
        {
            errors.Add($"{s}:BrowseUrl must be an absolute http(s) URL (got '{options.BrowseUrl}')");
        }
        if (!string.IsNullOrWhiteSpace(options.ApiToken) && !string.IsNullOrWhiteSpace(options.PersonalAccessToken))
        {
            errors.Add($"{s}:ApiToken (Cloud) and {s}:PersonalAccessToken (Data Center) are both set; keep one");
        }
        if (!string.IsNullOrWhiteSpace(options.ApiToken) && string.IsNullOrWhiteSpace(options.Email))
        {
            errors.Add($"{s}:Email is required with {s}:ApiToken (Cloud Basic auth is email:token)");
        }
        if (options.HasCredentials && string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            errors.Add($"{s}:BaseUrl is required when Jira credentials are set");
        }
        if (string.IsNullOrWhiteSpace(options.Project) || !Domain.IssueKey.IsProjectKey(options.Project))
        {
            errors.Add($"{s}:Project must be a project key such as DRP (got '{options.Project}')");
        }
        if (string.IsNullOrWhiteSpace(options.IssueType))
        {
            errors.Add($"{s}:IssueType must not be empty");
        }
        foreach (var (key, value) in new[] { ("SummaryIssue", options.SummaryIssue), ("Step1SummaryIssue", options.Step1SummaryIssue), ("LegacyStoreIssue", options.LegacyStoreIssue) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !Domain.IssueKey.TryParse(value, out _))
            {
                errors.Add($"{s}:{key} must be an issue key such as DRP-53 (got '{value}')");
            }
        }
        options.CheckResilience(errors, s);
        Range(errors, $"{s}:MaxFieldLength", options.MaxFieldLength, 1000, 32_767);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} must be between {min} and {max} (got {value})");
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
