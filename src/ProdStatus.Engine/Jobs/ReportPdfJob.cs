using Microsoft.Extensions.Options;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Output;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Render.Fonts;
using ProdStatus.Engine.Render.Pdf;
using ProdStatus.Engine.Render.Reports;

namespace ProdStatus.Engine.Jobs;

/// <summary>report-pdf: collect the campaign's PanDA statistics (store-backed, like get-panda-stat), then write the PDF summary.</summary>
public sealed class ReportPdfJob(
    PandaStatService service, CampaignReportBuilder builder, CampaignPdfRenderer renderer, FontLibrary fonts, IOptions<OutputOptions> output)
{
    public async Task<ReportPdfResult> RunAsync(PandaStatParams parameters, string? outFile, IProgress<CollectProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        string path = Path.GetFullPath(outFile ?? Path.Combine(output.Value.ResolveDataDir(), $"summary-{parameters.Jira}.pdf"));
        if (Directory.Exists(path))
        {
            throw new UserInputException($"--out: {path} is a directory; give the PDF file name");
        }
        fonts.EnsureLoaded(); // a missing font should fail before the collection, not after
        var result = await service.CollectAsync(parameters, cleanHistory: false, progress, cancellationToken);
        var report = builder.Build(result, new ReportExtras(new DataWindow(parameters.StartDate, parameters.StopDate)));
        byte[] pdf = renderer.Render(report);
        await AtomicFile.WriteAllBytesAsync(path, pdf, cancellationToken);
        return new ReportPdfResult(report, path, pdf.Length);
    }
}

public sealed record ReportPdfResult(CampaignReport Report, string Path, int Bytes);
