using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Render.Fonts;

namespace ProdStatus.Engine.Diagnostics;

/// <summary>The DejaVu fonts that PNG and PDF rendering need load.</summary>
internal sealed class FontsCheck(FontLibrary fonts) : IHealthCheck
{
    public bool AtRuntime => true;

    public Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        CheckResult result;
        try
        {
            fonts.EnsureLoaded();
            result = CheckResult.Pass($"fonts: {FontLibrary.FamilyName} loads");
        }
        catch (UserInputException ex)
        {
            string[] parts = ex.Message.Split(": ", 2);
            result = parts.Length == 2 ? CheckResult.Fail($"fonts: {parts[0]}", parts[1]) : CheckResult.Fail($"fonts: {ex.Message}", "install fonts-dejavu-core");
        }
        return Task.FromResult<IReadOnlyList<CheckResult>>([result]);
    }
}
