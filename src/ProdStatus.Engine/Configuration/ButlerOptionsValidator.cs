using Microsoft.Extensions.Options;

namespace ProdStatus.Engine.Configuration;

/// <summary>Names the configuration key in every message (<c>ProdStatus:Butler:MaxConcurrency</c>).</summary>
internal sealed class ButlerOptionsValidator : IValidateOptions<ButlerOptions>
{
    public ValidateOptionsResult Validate(string? name, ButlerOptions options)
    {
        var errors = new List<string>();
        const string s = ButlerOptions.Section;
        if (options.MaxConcurrency is < 1 or > 256)
        {
            errors.Add($"{s}:MaxConcurrency must be between 1 and 256 (got {options.MaxConcurrency})");
        }
        if (options.MaxMetadataBytes < 1024)
        {
            errors.Add($"{s}:MaxMetadataBytes must be at least 1024 (got {options.MaxMetadataBytes})");
        }
        if (!string.IsNullOrEmpty(options.DbAuthPassword) && string.IsNullOrWhiteSpace(options.DbAuthUser))
        {
            errors.Add($"{s}:DbAuthUser is required when {s}:DbAuthPassword is set");
        }
        if (!string.IsNullOrEmpty(options.DbAuthPassword) && string.IsNullOrWhiteSpace(options.DbAuthUrl))
        {
            errors.Add($"{s}:DbAuthUrl (the registry URL pattern the password is for) is required when {s}:DbAuthPassword is set");
        }
        if (options.S3EndpointUrl is { Length: > 0 } endpoint &&
            (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{s}:S3EndpointUrl must be an absolute http(s) URL (got '{endpoint}')");
        }
        if (string.IsNullOrEmpty(options.S3AccessKeyId) != string.IsNullOrEmpty(options.S3SecretAccessKey))
        {
            errors.Add($"{s}:S3AccessKeyId and {s}:S3SecretAccessKey must be set together");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
