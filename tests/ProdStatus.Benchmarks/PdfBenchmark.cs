using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Render.Fonts;
using ProdStatus.Engine.Render.Pdf;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Testing.Reports;

namespace ProdStatus.Benchmarks;

/// <summary>
/// <c>pdf [OUT.pdf]</c>: renders a campaign of 7 steps, 50 task types, a Butler table and 10 plots; prints the first
/// (cold) render and the median of 10 warm ones. Target: warm ≤ 1 s.
/// </summary>
internal static class PdfBenchmark
{
    public static int Run(string[] args)
    {
        using var fonts = new FontLibrary(Options.Create(new RenderingOptions()));
        var result = CampaignBuilder.Sized(steps: 7, taskTypes: 50).Build();
        var extras = new ReportExtras(new DataWindow(new DateOnly(2022, 1, 27), new DateOnly(2022, 2, 3)),
            [TestTables.Butler(result.Jira, 50)], TestPlots.Create(fonts, 10));
        var builder = new CampaignReportBuilder(Options.Create(new ReportOptions { JiraBrowseUrl = ReportFixtures.JiraBrowseUrl }),
            Options.Create(new PandaOptions { BaseUrl = "https://panda.example.org/" }), TimeProvider.System);
        var renderer = new CampaignPdfRenderer(fonts);

        var watch = Stopwatch.StartNew();
        byte[] pdf = renderer.Render(builder.Build(result, extras));
        double cold = watch.Elapsed.TotalMilliseconds;
        var warm = new List<double>();
        for (int i = 0; i < 10; i++)
        {
            watch.Restart();
            pdf = renderer.Render(builder.Build(result, extras));
            warm.Add(watch.Elapsed.TotalMilliseconds);
        }
        warm.Sort();
        if (args.Length > 1)
        {
            File.WriteAllBytes(args[1], pdf);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pdf: 7 steps, 50 task types, 10 plots: {pdf.Length / 1024} KB; cold {cold:0} ms; warm median {warm[5]:0} ms, max {warm[^1]:0} ms (target <= 1000 ms)"));
        return warm[5] <= 1000 ? 0 : 1;
    }
}
