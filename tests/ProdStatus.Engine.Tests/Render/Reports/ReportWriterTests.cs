using System.Text.Json;
using ProdStatus.Engine.Render.Pdf;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Tests.Render.Cards;
using ProdStatus.Testing.Reports;
using Xunit;

namespace ProdStatus.Engine.Tests.Render.Reports;

public sealed class ReportWriterTests : IDisposable
{
    private readonly Engine.Render.Fonts.FontLibrary _fonts = ReportFixtures.Fonts();
    private readonly string _dir = Directory.CreateTempSubdirectory("prodstat-reports-").FullName;

    public void Dispose()
    {
        _fonts.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task WriteAllAsync_Campaign_WritesPdfCardAndSlackMessageNamedByJira()
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = new ReportWriter(ReportFixtures.ReportBuilder(), new CampaignPdfRenderer(_fonts));

        var files = await writer.WriteAllAsync(CampaignBuilder.Standard().Build(), Path.Combine(_dir, "demo"), new ReportExtras(ReportFixtures.Window), ct);

        Assert.Equal(["card-PREOPS-905.json", "slack-PREOPS-905.json", "summary-PREOPS-905.pdf"],
            Directory.GetFiles(Path.Combine(_dir, "demo")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("Campaign summary PREOPS-905", await Poppler.ExtractTextAsync(await File.ReadAllBytesAsync(files.Pdf, ct), ct));
        string card = await File.ReadAllTextAsync(files.Card, ct);
        Assert.Empty(AdaptiveCardSchema.Errors(card));
        using var slack = JsonDocument.Parse(await File.ReadAllTextAsync(files.Slack, ct));
        Assert.StartsWith("Campaign summary PREOPS-905:", slack.RootElement.GetProperty("text").GetString());
        Assert.True(slack.RootElement.GetProperty("blocks").GetArrayLength() > 3);
    }
}
