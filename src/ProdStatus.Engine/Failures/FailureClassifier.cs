using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;

namespace ProdStatus.Engine.Failures;

/// <summary>The rules plus the configured known-errors file (read once, on first use).</summary>
public sealed class FailureClassifier(IOptions<ErrorsOptions> options)
{
    private readonly Lazy<KnownErrors> _known = new(() => options.Value.KnownErrorsFile is { Length: > 0 } file
        ? KnownErrors.Load(OutputOptions.ExpandHome(file))
        : KnownErrors.None);

    public FailureRules Rules => FailureRules.Default;

    public KnownErrors Known => _known.Value;

    /// <summary>A fresh per-task tally that uses these rules and known errors.</summary>
    public TaskFailureTally NewTally() => new(Rules, Known);
}

public static class FailuresServiceCollectionExtensions
{
    public static IServiceCollection AddFailureClassification(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ErrorsOptions>().Bind(configuration.GetSection(ErrorsOptions.Section));
        services.AddSingleton<IValidateOptions<ErrorsOptions>, ErrorsOptionsValidator>();
        services.AddSingleton<FailureClassifier>();
        return services;
    }
}
