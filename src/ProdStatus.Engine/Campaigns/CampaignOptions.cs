using Microsoft.Extensions.Options;

namespace ProdStatus.Engine.Campaigns;

/// <summary>Conventions of the campaign and step commands. Section <c>ProdStatus:Campaign</c>.</summary>
public sealed class CampaignOptions
{
    public const string Section = "ProdStatus:Campaign";

    /// <summary>Steps of a new campaign yaml (create-campaign-yaml). <value>Default: <c>step1</c> … <c>step7</c>.</value></summary>
    /// <remarks>Empty here rather than pre-filled: the configuration binder appends to a pre-filled list.</remarks>
    public List<string> DefaultSteps { get; set; } = [];

    /// <summary>Link type between a campaign issue and its step issues. <value>Default: <c>Relates</c>.</value></summary>
    public string LinkType { get; set; } = "Relates";

    public IReadOnlyList<string> ResolveDefaultSteps() =>
        DefaultSteps.Count > 0 ? DefaultSteps : ["step1", "step2", "step3", "step4", "step5", "step6", "step7"];
}

internal sealed class CampaignOptionsValidator : IValidateOptions<CampaignOptions>
{
    public ValidateOptionsResult Validate(string? name, CampaignOptions options)
    {
        var errors = new List<string>();
        const string s = CampaignOptions.Section;
        for (int i = 0; i < options.DefaultSteps.Count; i++)
        {
            if (!StepNames.IsValid(options.DefaultSteps[i]))
            {
                errors.Add($"{s}:DefaultSteps:{i} must be a step name: one word, no '/' (got '{options.DefaultSteps[i]}')");
            }
        }
        if (options.DefaultSteps.Distinct(StringComparer.Ordinal).Count() != options.DefaultSteps.Count)
        {
            errors.Add($"{s}:DefaultSteps must not repeat a step");
        }
        if (string.IsNullOrWhiteSpace(options.LinkType))
        {
            errors.Add($"{s}:LinkType must not be empty");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
