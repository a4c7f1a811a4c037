using System.Text;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Output;
using ProdStatus.Engine.Render.Cards;
using ProdStatus.Engine.Render.Pdf;
using ProdStatus.Engine.Render.Slack;

namespace ProdStatus.Engine.Render.Reports;

/// <summary>
/// Writes the three person-facing outputs of a campaign into one folder: <c>summary-&lt;Jira&gt;.pdf</c>,
/// <c>card-&lt;Jira&gt;.json</c> (the Adaptive Card) and <c>slack-&lt;Jira&gt;.json</c> (the Block Kit message).
/// All are rendered in memory first, then written atomically.
/// </summary>
public sealed class ReportWriter(CampaignReportBuilder builder, CampaignPdfRenderer pdf)
{
    public Task<ReportFiles> WriteAllAsync(PandaStatResult result, string directory, ReportExtras? extras = null,
        CancellationToken cancellationToken = default) =>
        WriteAllAsync(builder.Build(result, extras), directory, cancellationToken);

    public async Task<ReportFiles> WriteAllAsync(CampaignReport report, string directory, CancellationToken cancellationToken = default)
    {
        string dir = Path.GetFullPath(directory);
        var files = new ReportFiles(
            Path.Combine(dir, $"summary-{report.Jira}.pdf"),
            Path.Combine(dir, $"card-{report.Jira}.json"),
            Path.Combine(dir, $"slack-{report.Jira}.json"));
        OutputFile[] outputs =
        [
            new(files.Pdf, pdf.Render(report)),
            new(files.Card, Encoding.UTF8.GetBytes(CardJson.Serialize(CampaignCards.Summary(report)) + "\n")),
            new(files.Slack, Encoding.UTF8.GetBytes(SlackJson.Serialize(SlackMessages.Summary(report)) + "\n")),
        ];
        await AtomicFile.WriteAllAsync(outputs, cancellationToken);
        return files;
    }
}

public sealed record ReportFiles(string Pdf, string Card, string Slack);
