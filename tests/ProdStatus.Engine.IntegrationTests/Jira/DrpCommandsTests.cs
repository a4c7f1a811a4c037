using ProdStatus.Engine.Jobs;
using ProdStatus.Engine.Params;
using ProdStatus.Testing.Drp;
using ProdStatus.Testing.Jira;
using Xunit;

namespace ProdStatus.Engine.IntegrationTests.Jira;

/// <summary>add-job-to-summary, import-summary, map-drp-steps and report-to-jira against the fake Jira.</summary>
public sealed class DrpCommandsTests : IAsyncLifetime
{
    private const string Description148 = "payloadName:x\ndataQuery:instrument='LSSTCam-imSim' and exposure >=1472 and exposure <= 1502\n" +
        "PanDA link:https://panda.example.org/tasks/?taskname=*20220127t205042z*\nStatus:finished nTasks:3 nFiles:212 nRemain:0 nProc: nFinish:3 nFail:0 nSubFinish:0\n";

    private readonly FakeJiraServer _server = new(FakeJiraAuth.Cloud());
    private JiraTestEngine _engine = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _server.StartAsync(Ct);
        _engine = new JiraTestEngine(_server, FakeJiraAuth.Cloud());
        _server.State.Seed("DRP-53");
        _server.State.Seed("DRP-54", "", "{}");
        _server.State.Seed("DRP-55");
        _server.State.Seed("DRP-148", "step1#v23_0_0_rc5/PREOPS-973/20220127T205042Z", Description148);
        _server.State.Seed("DRP-12", "step2#v23/PREOPS-863/20211102T101010Z",
            "tract in (1,2)\nStatus:failed nTasks:7 nFiles:1727 nRemain:3 nProc: nFinish:6 nFail:1 nSubFinish:0\nPanDA PREOPS: PREOPS-863 link:https://panda.example.org/x\n");
        _server.State.Seed("PREOPS-973", "campaign");
    }

    public async ValueTask DisposeAsync()
    {
        _engine.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AddJobToSummary_RendersBothTablesInTheOriginalFormat_AndIsIdempotent()
    {
        var job = _engine.Get<SummaryJob>();
        await job.AddAsync("PREOPS-973", "DRP-148", reset: false, Ct);
        await job.AddAsync("PREOPS-863", "DRP-12", reset: false, Ct);
        string snapshot = _server.Snapshot();
        var again = await job.AddAsync("PREOPS-863", "DRP-12", reset: false, Ct);
        Assert.Empty(again.IssuesWritten);
        Assert.Equal(snapshot, _server.Snapshot());
        Assert.Equal("""
            ||Date||PREOPS||STATS||(T,Q,D,Fa,Sf)||PANDA||DESCRIP||
            | 2022-01-27 | [PREOPS-973|https://jira.example.org/browse/PREOPS-973] | DRP-148|{color:green}3,212,3,0,0{color}| [pDa|https://panda.example.org/tasks/?taskname=*20220127t205042z*] |step1(1472,1502)|
            | 2021-11-02 | [PREOPS-863|https://jira.example.org/browse/PREOPS-863] | DRP-12|{color:red}7,1727,6,1,0{color}| [pDa|https://panda.example.org/x] |step2(1,2)|

            """, _server.State.Issues["DRP-53"].Description);
        Assert.Equal("""
            ||Date||PREOPS||STATS||(T,Q,D,Fa,Sf)||PANDA||DESCRIP||
            | 2022-01-27 | [PREOPS-973|https://jira.example.org/browse/PREOPS-973] | DRP-148|{color:green}3,212,3,0,0{color} | [pDa|https://panda.example.org/tasks/?taskname=*20220127t205042z*] |step1(1472,1502)|

            """, _server.State.Issues["DRP-55"].Description);
    }

    [Fact]
    public async Task Remove_And_Reset_ChangeOnlyTheStoreRows()
    {
        var job = _engine.Get<SummaryJob>();
        await job.AddAsync("PREOPS-973", "DRP-148", reset: false, Ct);
        await job.AddAsync("PREOPS-863", "DRP-12", reset: false, Ct);
        var removed = await job.RemoveAsync("PREOPS-863", "DRP-12", Ct);
        Assert.Equal((1, 1), (removed.Removed, removed.Rows));
        Assert.DoesNotContain("DRP-12", _server.State.Issues["DRP-53"].Description, StringComparison.Ordinal);
        var reset = await job.AddAsync("PREOPS-863", "DRP-12", reset: true, Ct);
        Assert.Equal(1, reset.Rows);
        Assert.DoesNotContain("DRP-148", _server.State.Issues["DRP-53"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportSummary_ReadsTheLegacyJsonStoreOnce()
    {
        _server.State.Issues["DRP-54"].Description = """
            {"PREOPS-973#20220127T205042Z": ["PREOPS-973", "DRP-148", [3, 212, 3, 0, 0], "https://panda.example.org/a", "step1(1472,1502)"],
             "PREOPS-863#20211102T101010Z": ["PREOPS-863", "DRP-12", [7, 1727, 6, 1, 0], "https://panda.example.org/x", "step2"]}
            """;
        var job = _engine.Get<SummaryJob>();
        Assert.Equal(2, await job.ImportAsync(null, null, Ct));
        Assert.Equal(2, await job.ImportAsync(null, null, Ct));
        var result = await job.AddAsync("PREOPS-973", "DRP-148", reset: false, Ct);
        Assert.Equal(2, result.Rows);
    }

    [Fact]
    public async Task MapDrpSteps_StepAndCampaignForms_AttachTheMapOnce()
    {
        _server.State.Seed("DRP-500");
        string dir = Directory.CreateTempSubdirectory("prodstat-map-").FullName;
        string stepMap = Path.Combine(dir, "step1_map.yaml");
        File.WriteAllText(stepMap, "{ step1_all_1 : DRP-148, step2_a : DRP-12 }\n");
        var job = _engine.Get<MapDrpStepsJob>();
        var first = await job.RunAsync(stepMap, "DRP-500", "0", link: true, Ct);
        string snapshot = _server.Snapshot();
        var again = await job.RunAsync(stepMap, "DRP-500", "0", link: true, Ct);
        Assert.Equal(2, first.LinksCreated);
        Assert.False(again.DescriptionChanged || again.AttachmentChanged || again.LinksCreated > 0);
        Assert.Equal(["DRP-500 -> DRP-148", "DRP-500 -> DRP-12"], _server.State.Links.Select(l => $"{l.Inward} -> {l.Outward}"));
        Assert.Equal(snapshot, _server.Snapshot());
        var issue = _server.State.Issues["DRP-500"];
        Assert.Equal("step1_map.yaml", Assert.Single(issue.Attachments).FileName);
        Assert.Equal("""
            ||BPS_yaml||Issue||(T,Q,D,Fa,Sf)||DESCRIP||timestamp||
            | step1_all_1| [DRP-148|https://jira.example.org/browse/DRP-148] | {color:green}3,212,3,0,0{color} | (1472,1502)|20220127T205042Z| 
            | step2_a| [DRP-12|https://jira.example.org/browse/DRP-12] | {color:red}7,1727,6,1,0{color} | (1,2)|20211102T101010Z| 

            """, issue.Description);

        File.WriteAllText(stepMap, "{ step1 : [DRP-466,'2021-12-18','2022-01-12',166000,Complete] }\n");
        await job.RunAsync(stepMap, "DRP-500", "1", cancellationToken: Ct);
        Assert.Equal("||Step||Issue||Start||End||Core-hr||Status||\n| step1| [DRP-466|https://jira.example.org/browse/DRP-466] | 2021-12-18|2022-01-12|166000|Complete| \n",
            _server.State.Issues["DRP-500"].Description);
        Assert.Single(_server.State.Issues["DRP-500"].Attachments);
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task ReportToJira_QuotesProjectInJql_UpdatesTokenComments_ReplacesAttachments_Idempotent()
    {
        string dir = Directory.CreateTempSubdirectory("prodstat-report-").FullName;
        File.WriteAllText(Path.Combine(dir, "pandaStat-PREOPS-973.txt"), " Panda campaign statistics PREOPS-973\npandaStat\n||Workflow Task||quanta||\n|a|1|\n");
        File.WriteAllText(Path.Combine(dir, "pandaWfStat-PREOPS-973.html"), "<table></table>");
        string yaml = Path.Combine(dir, "report.yaml");
        File.WriteAllText(yaml, $"""
            project: 'PREOPS'
            Jira: PREOPS-973
            comments:
            - file: {dir}/pandaStat-PREOPS-973.txt
              tokens: ['pandaStat', 'campaign', 'PREOPS-973']
            attachments:
            - {dir}/pandaWfStat-PREOPS-973.html
            """);
        var job = _engine.Get<ReportToJiraJob>();
        await job.RunAsync(ReportToJiraParams.Load(yaml), Ct);
        string snapshot = _server.Snapshot();
        var again = await job.RunAsync(ReportToJiraParams.Load(yaml), Ct);
        Assert.Equal(snapshot, _server.Snapshot());
        Assert.Equal(0, again.AttachmentsReplaced);
        Assert.Contains(_server.Requests, r => r.PathAndQuery.Contains(Uri.EscapeDataString("project = \"PREOPS\" AND issue = \"PREOPS-973\""), StringComparison.Ordinal));
        Assert.Single(_server.State.Issues["PREOPS-973"].Comments);
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(31)]
    [InlineData(2026)]
    public async Task EveryCommand_With30PercentRefusals_LandsEachWriteExactlyOnce(int seed)
    {
        using var tree = new SubmitTreeBuilder().WithSubmitYaml().With2022Run();
        async Task<(string Snapshot, List<string> Landed)> RunAllAsync(FakeJiraServer server, JiraTestEngine engine)
        {
            string? Env(string n) => n == "OBS_LSST_DIR" ? tree.PipelineDir : null;
            var created = await engine.Get<UpdateIssueJob>().RunAsync(tree.YamlPath, "PREOPS-905", "DRP0", null, Env, Ct);
            await engine.Get<UpdateIssueJob>().RunAsync(tree.YamlPath, "PREOPS-905", "DRP0", null, Env, Ct);
            await engine.Get<SummaryJob>().AddAsync("PREOPS-905", created.Issue, reset: false, Ct);
            await engine.Get<SummaryJob>().AddAsync("PREOPS-973", "DRP-148", reset: false, Ct);
            await engine.Get<SummaryJob>().AddAsync("PREOPS-973", "DRP-148", reset: false, Ct);
            string map = Path.Combine(tree.Root, "map.yaml");
            File.WriteAllText(map, $"{{ step1_all_1 : {created.Issue}, old : DRP-148 }}\n");
            await engine.Get<MapDrpStepsJob>().RunAsync(map, "DRP-12", "0", link: true, Ct);
            await engine.Get<MapDrpStepsJob>().RunAsync(map, "DRP-12", "0", link: true, Ct);
            return (server.Snapshot(), server.Landed.ToList());
        }

        var clean = await RunAllAsync(_server, _engine);

        await using var faulty = new FakeJiraServer(FakeJiraAuth.Cloud());
        await faulty.StartAsync(Ct);
        using var faultyEngine = new JiraTestEngine(faulty, FakeJiraAuth.Cloud());
        foreach (var issue in _server.State.Issues.Values.Where(i => i.Key is "DRP-53" or "DRP-54" or "DRP-55" or "DRP-148" or "DRP-12" or "PREOPS-973"))
        {
            var seeded = faulty.State.Seed(issue.Key, "", "");
            (seeded.Summary, seeded.Description) = (Original(issue.Key).Summary, Original(issue.Key).Description);
        }
        faulty.State.ProjectCounters["DRP"] = 0;
        faulty.Faults.Seed(seed);
        faulty.Faults.RefusalRate = 0.3;
        faulty.Faults.RefuseNext(System.Net.HttpStatusCode.TooManyRequests, 1, "POST"); // at least one refused create …
        faulty.Faults.RefuseNext(System.Net.HttpStatusCode.ServiceUnavailable, 1, "PUT"); // … and one refused edit
        var noisy = await RunAllAsync(faulty, faultyEngine);

        Assert.True(faulty.Faults.Refused >= 5, $"only {faulty.Faults.Refused} refusals injected");
        Assert.Contains(faulty.Faults.RefusedRequests, r => !r.StartsWith("GET", StringComparison.Ordinal));
        Assert.Equal(_server.RequestCount + faulty.Faults.Refused, faulty.RequestCount); // each refusal cost exactly one more request
        Assert.Equal(clean.Landed, noisy.Landed);
        Assert.Equal(clean.Snapshot.Replace(_engine.DataDir, "", StringComparison.Ordinal), noisy.Snapshot.Replace(faultyEngine.DataDir, "", StringComparison.Ordinal));
    }

    private static (string Summary, string Description) Original(string key) => key switch
    {
        "DRP-54" => ("", "{}"),
        "DRP-148" => ("step1#v23_0_0_rc5/PREOPS-973/20220127T205042Z", Description148),
        "DRP-12" => ("step2#v23/PREOPS-863/20211102T101010Z",
            "tract in (1,2)\nStatus:failed nTasks:7 nFiles:1727 nRemain:3 nProc: nFinish:6 nFail:1 nSubFinish:0\nPanDA PREOPS: PREOPS-863 link:https://panda.example.org/x\n"),
        "PREOPS-973" => ("campaign", ""),
        _ => ("", ""),
    };
}
