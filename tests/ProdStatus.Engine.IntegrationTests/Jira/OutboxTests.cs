using System.Text.Json.Nodes;
using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Publish.Jira;
using ProdStatus.Engine.Publish.Jira.Outbox;
using ProdStatus.Samples;
using ProdStatus.Testing.Drp;
using ProdStatus.Testing.Jira;
using Xunit;

namespace ProdStatus.Engine.IntegrationTests.Jira;

public sealed class OutboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DryRun_WithCredentials_ReadsJiraButWritesOnlyTheOutbox()
    {
        await using var server = new FakeJiraServer(FakeJiraAuth.Cloud());
        await server.StartAsync(Ct);
        using var engine = new JiraTestEngine(server, FakeJiraAuth.Cloud());
        server.State.Seed("DRP-53");
        server.State.Seed("DRP-55");
        server.State.Seed("DRP-148", "step1#c/PREOPS-973/20220127T205042Z", "Status:finished nTasks:3 nFiles:212 nRemain:0 nProc: nFinish:3 nFail:0 nSubFinish:0\n");
        string before = server.Snapshot();
        engine.Get<JiraConnection>().DryRun = true;
        var result = await engine.Get<SummaryJob>().AddAsync("PREOPS-973", "DRP-148", reset: false, Ct);
        Assert.Equal(before, server.Snapshot());
        Assert.Empty(server.Landed);
        Assert.Contains(server.Requests, r => r.PathAndQuery == "/rest/api/2/issue/DRP-148?fields=summary,description,attachment,issuelinks");
        var entries = OutboxEntries.Read(result.Outbox!);
        Assert.Equal(["0001 PUT rest/api/2/issue/DRP-53 (edit-issue DRP-53)", "0002 PUT rest/api/2/issue/DRP-55 (edit-issue DRP-55)"],
            entries.Select(OutboxEntries.Describe));
        Assert.Contains("{color:green}3,212,3,0,0{color}", await File.ReadAllTextAsync(entries[0].RenderedBodyFile!, Ct), StringComparison.Ordinal);
        var request = JsonNode.Parse(await File.ReadAllTextAsync(entries[0].RequestFile, Ct))!;
        Assert.StartsWith("||Date||", request["body"]!["fields"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(result.Outbox!, "state.json")));
    }

    [Fact]
    public async Task Demo_Offline_ShowsIssueSummaryAndComments()
    {
        using var tree = new SubmitTreeBuilder().WithSubmitYaml().WithCurrentRun();
        using var engine = new JiraTestEngine(null, null);
        string stats = Path.Combine(engine.DataDir, "pandaStat-PREOPS-905.txt");
        await File.WriteAllTextAsync(stats, " Panda campaign statistics PREOPS-905\npandaStat\n||Workflow Task||quanta||\n|isr_1|3|\n", Ct);
        var report = new ReportToJiraParams(null, "PREOPS-905", [new ReportComment(stats, ["pandaStat", "PREOPS-905"])], [stats]);
        string outbox = Path.Combine(engine.DataDir, "demo-outbox");
        var result = await engine.Get<JiraOutboxDemo>().RunAsync(outbox, tree.YamlPath, "PREOPS-905", report,
            n => n == "OBS_LSST_DIR" ? tree.PipelineDir : null, Ct);
        Assert.Equal("OUTBOX-1", result.Issue.Issue);
        Assert.Equal([
            "0001 POST rest/api/2/issue (create-issue OUTBOX-1)",
            "0002 PUT rest/api/2/issue/DRP-53 (edit-issue DRP-53)",
            "0003 PUT rest/api/2/issue/DRP-55 (edit-issue DRP-55)",
            "0004 POST rest/api/2/issue/PREOPS-905/comment (add-comment PREOPS-905)",
            "0005 POST rest/api/2/issue/PREOPS-905/attachments (add-attachment PREOPS-905)",
        ], result.Entries.Select(OutboxEntries.Describe));
        var upload = JsonNode.Parse(await File.ReadAllTextAsync(result.Entries[4].RequestFile, Ct))!["body"]!;
        Assert.Equal("no-check", upload["headers"]!["X-Atlassian-Token"]!.GetValue<string>());
        Assert.Equal("file", upload["multipartField"]!.GetValue<string>());

        // A second process on the same data directory reads the outbox's own writes: nothing new to send.
        using var second = new JiraTestEngine(null, null, new Dictionary<string, string?> { ["ProdStatus:Output:DataDir"] = engine.DataDir });
        var again = await second.Get<JiraOutboxDemo>().RunAsync(outbox, tree.YamlPath, "PREOPS-905", report,
            n => n == "OBS_LSST_DIR" ? tree.PipelineDir : null, Ct);
        Assert.Equal(result.Entries.Select(OutboxEntries.Describe), again.Entries.Select(OutboxEntries.Describe));
        Assert.Equal("OUTBOX-1", again.Issue.Issue);
    }

    [Fact]
    public async Task Demo_OnTheBundledSample_RendersTheCurrentRunsIssueAndTheSummary()
    {
        using var engine = new JiraTestEngine(null, null);
        string root = Path.Combine(engine.DataDir, "demo");
        var result = await engine.Get<JiraOutboxDemo>().RunSampleAsync(root, Path.Combine(root, "outbox"), [], [], Ct);
        Assert.Equal("step1#v23_0_0_rc5/PREOPS-905/20220121T031850Z", result.Issue.Summary);
        string issueText = await File.ReadAllTextAsync(result.Entries[0].RenderedBodyFile!, Ct);
        Assert.Contains("qgraphsize:1.2MB\nnTotalQuanta:2410\n", issueText, StringComparison.Ordinal);
        Assert.Contains("|step1|calibrate| | | | | |\n|step1|finalJob| | | | | |\n", issueText, StringComparison.Ordinal);
        string summary = await File.ReadAllTextAsync(result.Entries[1].RenderedBodyFile!, Ct);
        Assert.Contains("| 2022-01-21 | [PREOPS-905|https://jira.example.org/browse/PREOPS-905] | OUTBOX-1|{color:blue}0,0,0,0,0{color}|", summary, StringComparison.Ordinal);
        Assert.Null(result.Report);
    }
}
