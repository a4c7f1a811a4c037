using Microsoft.Extensions.Options;

namespace ProdStatus.Engine.Configuration;

/// <summary>Failure classification. Section <c>ProdStatus:Errors</c>.</summary>
public sealed class ErrorsOptions
{
    public const string Section = "ProdStatus:Errors";

    /// <summary>
    /// A known-errors file in the format of cm_tools' <c>error_code_decisions.yaml</c>. Failures that match an entry are
    /// labelled with its name and tickets. <value>Default: none (every failure is "new").</value>
    /// </summary>
    public string? KnownErrorsFile { get; set; }
}

internal sealed class ErrorsOptionsValidator : IValidateOptions<ErrorsOptions>
{
    public ValidateOptionsResult Validate(string? name, ErrorsOptions options) =>
        options.KnownErrorsFile is { Length: > 0 } file && !File.Exists(OutputOptions.ExpandHome(file))
            ? ValidateOptionsResult.Fail($"{ErrorsOptions.Section}:KnownErrorsFile '{file}' does not exist")
            : ValidateOptionsResult.Success;
}
