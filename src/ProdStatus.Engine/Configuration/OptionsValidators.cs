using Microsoft.Extensions.Options;

namespace ProdStatus.Engine.Configuration;

/// <summary>Validation that names the configuration key (<c>ProdStatus:Panda:MaxConcurrency</c>), so the fix is obvious.</summary>
internal sealed class PandaOptionsValidator : IValidateOptions<PandaOptions>
{
    public ValidateOptionsResult Validate(string? name, PandaOptions options)
    {
        var errors = new List<string>();
        const string s = PandaOptions.Section;
        if (!string.IsNullOrWhiteSpace(options.BaseUrl) &&
            (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{s}:BaseUrl must be an absolute http(s) URL (got '{options.BaseUrl}')");
        }
        Range(errors, $"{s}:MaxConcurrency", options.MaxConcurrency, 1, 64);
        options.CheckResilience(errors, s);
        if (options.CaCertificateFile is { Length: > 0 } ca && !File.Exists(OutputOptions.ExpandHome(ca)))
        {
            errors.Add($"{s}:CaCertificateFile '{ca}' does not exist");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max) => OptionChecks.Range(errors, key, value, min, max);
}

/// <summary>Checks shared by every options validator, so messages read the same everywhere.</summary>
public static class OptionChecks
{
    public static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} must be between {min} and {max} (got {value})");
        }
    }
}

internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        if (options.Provider == StoreProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{StoreOptions.Section}:ConnectionString is required when {StoreOptions.Section}:Provider is Postgres");
        }
        return ValidateOptionsResult.Success;
    }
}

internal sealed class RenderingOptionsValidator : IValidateOptions<RenderingOptions>
{
    public ValidateOptionsResult Validate(string? name, RenderingOptions options) =>
        string.IsNullOrWhiteSpace(options.FontDirectory)
            ? ValidateOptionsResult.Fail($"{RenderingOptions.Section}:FontDirectory must not be empty")
            : options.MaxImageRows is < 5 or > 500
            ? ValidateOptionsResult.Fail($"{RenderingOptions.Section}:MaxImageRows must be between 5 and 500 (got {options.MaxImageRows})")
            : ValidateOptionsResult.Success;
}
