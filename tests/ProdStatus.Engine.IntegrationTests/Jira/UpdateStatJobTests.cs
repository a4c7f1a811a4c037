using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Jobs;
using ProdStatus.Testing.Jira;
using ProdStatus.Testing.Server;
using Xunit;

namespace ProdStatus.Engine.IntegrationTests.Jira;

public sealed class UpdateStatJobTests : IAsyncLifetime
{
    private const string Header = "BPS Submit Keywords:\n{code}\nbutlerConfig:s3://bucket/repo/butler.yaml\npipelineYamlSteps: step1\n{code}\n";
    private readonly FakeJiraServer _jira = new(FakeJiraAuth.Cloud());
    private readonly MiniPanda _panda = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _jira.StartAsync(Ct);
        await _panda.StartAsync(Ct);
        _jira.State.Seed("DRP-148", "step1#v23_0_0_rc5/PREOPS-973/20220127T205042Z",
            Header + "Butler Statistics\n|| Step || Task || Start || nQ || sec/Q || sum(hr) || maxGB ||\n\nPanDA PREOPS: PREOPS-973 link:old\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _jira.DisposeAsync();
        await _panda.DisposeAsync();
    }

    private JiraTestEngine Engine(Action<IServiceCollection>? configure = null, string root = "s3://bucket/repo") => new(_jira, FakeJiraAuth.Cloud(),
        new Dictionary<string, string?> { ["ProdStatus:Panda:BaseUrl"] = _panda.BaseUri.ToString(), ["ProdStatus:Panda:RetryDelayMilliseconds"] = "1", ["ProdStatus:Butler:AllowedRoots:0"] = root }, configure);

    [Fact]
    public async Task RunAsync_ButlerConfigOutsideTheAllowedRoots_IsRefusedNamingTheKey()
    {
        using var engine = Engine(root: "s3://other-bucket/");
        var result = await engine.Get<UpdateStatJob>().RunAsync("PREOPS-973", "DRP-148", cancellationToken: Ct);

        Assert.True(result.PandaFound);
        Assert.Contains("Butler statistics unavailable: DRP-148: butlerConfig 's3://bucket/repo/butler.yaml' is not under ProdStatus:Butler:AllowedRoots\n",
            _jira.State.Issues["DRP-148"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_KeepsHeader_WritesPandaTableAndStatusLine_SaysButlerIsUnavailable_Idempotent()
    {
        using var engine = Engine();
        var result = await engine.Get<UpdateStatJob>().RunAsync("PREOPS-973", "DRP-148", cancellationToken: Ct);
        Assert.True(result.PandaFound);
        Assert.False(result.ButlerFound);
        string description = _jira.State.Issues["DRP-148"].Description;
        // The issue's butlerConfig is on S3 and no S3 credentials are configured: said in one line, PanDA part still written.
        Assert.StartsWith(Header + "Butler statistics unavailable: no S3 credentials: set ProdStatus:Butler:S3AccessKeyId and S3SecretAccessKey, " +
            "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or an AWS profile 'default'\nPanDA link:https://panda.example.org/" +
            "tasks/?taskname=*20220127t205042z*&date_from=01-01-2022&days=62&sortby=time-ascending\n Panda campaign statistics PREOPS-973\npandaStat\n",
            description, StringComparison.Ordinal);
        Assert.EndsWith("Status:Finished nTasks:3 nFiles:212 nRemain:0 nProc: nFinish:3 nFail:0 nSubFinish:0\n", description, StringComparison.Ordinal);
        Assert.Equal(new StatusCounts(3, 212, 3, 0, 0), DrpIssueParser.Parse(description, "x").Status);

        string snapshot = _jira.Snapshot();
        var again = await engine.Get<UpdateStatJob>().RunAsync("PREOPS-973", "DRP-148", cancellationToken: Ct);
        Assert.False(again.Changed);
        Assert.Equal(snapshot, _jira.Snapshot());
    }

    [Fact]
    public async Task RunAsync_AskTheButlerSeamWithTheIssuesOwnButlerConfig()
    {
        var butler = new ButlerSpy();
        using var engine = Engine(s => s.AddSingleton<IButlerStatSource>(butler));
        var result = await engine.Get<UpdateStatJob>().RunAsync("PREOPS-973", "DRP-148", cancellationToken: Ct);
        Assert.True(result.ButlerFound);
        Assert.Equal(new ButlerStatRequest("PREOPS-973", "DRP-148", "s3://bucket/repo/butler.yaml", "20220127T205042Z", "drp:DRP-148"), butler.Request);
        Assert.Contains(Header + " Campaign Butler statistics PREOPS-973\nbutlerStat\n||Workflow Task||nQuanta||\n|isr|5|\nPanDA link:",
            _jira.State.Issues["DRP-148"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WorkflowNotInPandaYet_LeavesPandaPartEmptyInsteadOfAborting()
    {
        _jira.State.Issues["DRP-148"].Summary = "step1#v23_0_0_rc5/PREOPS-973/20220128T000000Z";
        using var engine = Engine();
        var result = await engine.Get<UpdateStatJob>().RunAsync("PREOPS-973", "DRP-148", cancellationToken: Ct);
        Assert.False(result.PandaFound);
        Assert.EndsWith("&days=62&sortby=time-ascending\n\n\n", _jira.State.Issues["DRP-148"].Description, StringComparison.Ordinal);
    }

    private sealed class ButlerSpy : IButlerStatSource
    {
        public ButlerStatRequest? Request { get; private set; }

        public Task<string?> GetButlerStatTextAsync(ButlerStatRequest request, CancellationToken cancellationToken = default)
        {
            Request = request;
            return Task.FromResult<string?>(" Campaign Butler statistics PREOPS-973\nbutlerStat\n||Workflow Task||nQuanta||\n|isr|5|\n");
        }
    }

    /// <summary>Just enough of the PanDA monitor for one finished 2022 workflow of three tasks.</summary>
    private sealed class MiniPanda : LoopbackServer
    {
        private const string Name = "2.2i_all_band_1_v23_0_0_rc5_preops-973_20220127t205042z";

        protected override void MapRoutes(WebApplication app)
        {
            app.MapGet("/idds/wfprogress/", () => Results.Text($$"""
                [{"request_id": 777, "r_name": "{{Name}}", "r_status": "Finished", "created_at": "2022-01-27 20:56:46",
                  "total_tasks": 3, "tasks_statuses": {"Finished": 3}, "total_files": 212, "remaining_files": 0, "processed_files": 212}]
                """, "application/json"));
            app.MapGet("/tasks/", () => Results.Text($$"""
                [{"jeditaskid": 1, "taskname": "{{Name}}_pipetaskInit_777_1", "status": "finished", "reqid": 777, "starttime": "2022-01-27 20:57:26", "endtime": "2022-01-27 20:59:40", "nfiles": 1},
                 {"jeditaskid": 2, "taskname": "{{Name}}_visit_detector_1_777_2", "status": "finished", "reqid": 777, "starttime": "2022-01-27 20:57:26", "endtime": "2022-01-27 21:31:17", "nfiles": 210},
                 {"jeditaskid": 3, "taskname": "{{Name}}_mergeExecutionButler_777_3", "status": "finished", "reqid": 777, "starttime": "2022-01-27 21:50:07", "endtime": "2022-01-27 21:52:44", "nfiles": 1}]
                """, "application/json"));
            app.MapGet("/jobs/", (HttpRequest request) => Results.Text($$"""
                {"jobs": [{"pandaid": {{request.Query["jeditaskid"]}}0, "jobstatus": "finished", "attemptnr": 1, "starttime": "2022-01-27 20:57:26",
                  "endtime": "2022-01-27 20:59:40", "durationsec": 134, "cpuconsumptiontime": 94, "maxrss": 900000}]}
                """, "application/json"));
        }
    }
}
