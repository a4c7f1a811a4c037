using Microsoft.Extensions.Options;

namespace ProdStatus.Engine.Configuration;

internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    /// <summary>Shorter keys are guessable; 32 characters of a random string carry enough entropy for HMAC-SHA256.</summary>
    public const int MinKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var errors = new List<string>();
        const string s = DashboardOptions.Section;
        if (options.BaseUrl is { Length: > 0 } && !ReportOptionsValidator.IsHttpUrl(options.BaseUrl))
        {
            errors.Add($"{s}:BaseUrl must be an absolute http(s) URL (got '{options.BaseUrl}')");
        }
        // Keys are secrets: messages name the key, never the value.
        if (options.LinkKey is { Length: > 0 } key && key.Length < MinKeyLength)
        {
            errors.Add($"{s}:LinkKey must be at least {MinKeyLength} characters");
        }
        for (int i = 0; i < options.LinkKeys.Count; i++)
        {
            if (options.LinkKeys[i].Length < MinKeyLength)
            {
                errors.Add($"{s}:LinkKeys:{i} must be at least {MinKeyLength} characters");
            }
        }
        OptionChecks.Range(errors, $"{s}:ValidDays", options.ValidDays, 1, 366);
        OptionChecks.Range(errors, $"{s}:RefreshSeconds", options.RefreshSeconds, 10, 86_400);
        OptionChecks.Range(errors, $"{s}:CachedCampaigns", options.CachedCampaigns, 0, 10_000);
        var oidc = options.Oidc;
        if (oidc.Enabled)
        {
            bool https = Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) && authority.Scheme == Uri.UriSchemeHttps;
            bool http = authority is not null && authority.Scheme == Uri.UriSchemeHttp && oidc.AllowHttpAuthority;
            if (!https && !http)
            {
                errors.Add($"{s}:Oidc:Authority must be an absolute https URL (got '{oidc.Authority}')");
            }
            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                errors.Add($"{s}:Oidc:ClientId is required when {s}:Oidc:Authority is set");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
