using Microsoft.Extensions.Options;

namespace ProdStatus.Engine.Configuration;

internal sealed class ReportOptionsValidator : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        var errors = new List<string>();
        const string s = ReportOptions.Section;
        if (options.JiraBrowseUrl is { Length: > 0 } && !IsHttpUrl(options.JiraBrowseUrl))
        {
            errors.Add($"{s}:JiraBrowseUrl must be an absolute http(s) URL (got '{options.JiraBrowseUrl}')");
        }
        if (options.PandaMonitorUrl is { Length: > 0 } panda && !IsHttpUrl(panda))
        {
            errors.Add($"{s}:PandaMonitorUrl must be an absolute http(s) URL (got '{panda}')");
        }
        OptionChecks.Range(errors, $"{s}:TopTaskTypes", options.TopTaskTypes, 1, 50);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var errors = new List<string>();
        const string s = TeamsOptions.Section;
        // The URL is a secret: the message names the key, never the value.
        if (options.WebhookUrl is { Length: > 0 } url && !IsAllowed(url))
        {
            errors.Add($"{s}:WebhookUrl must be an absolute https URL (http only for loopback)");
        }
        options.CheckResilience(errors, s, maxTimeoutSeconds: 300);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsAllowed(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
