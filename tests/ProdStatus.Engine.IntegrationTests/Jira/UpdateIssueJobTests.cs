using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Jobs;
using ProdStatus.Testing.Drp;
using ProdStatus.Testing.Jira;
using Xunit;

namespace ProdStatus.Engine.IntegrationTests.Jira;

public sealed class UpdateIssueJobTests : IAsyncLifetime
{
    private readonly FakeJiraServer _server = new(FakeJiraAuth.DataCenter());
    private readonly SubmitTreeBuilder _tree = new();
    private JiraTestEngine _engine = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _server.StartAsync(Ct);
        _engine = new JiraTestEngine(_server, FakeJiraAuth.DataCenter(), new Dictionary<string, string?> { ["ProdStatus:Jira:Components:0"] = "Test" });
    }

    public async ValueTask DisposeAsync()
    {
        _engine.Dispose();
        _tree.Dispose();
        await _server.DisposeAsync();
    }

    private string? Env(string name) => name == "OBS_LSST_DIR" ? _tree.PipelineDir : null;

    private Task<UpdateIssueResult> RunAsync(string? drp = "DRP0", string? ts = null) =>
        _engine.Get<UpdateIssueJob>().RunAsync(_tree.YamlPath, "PREOPS-905", drp, ts, Env, Ct);

    [Fact]
    public async Task Layout2022_DescribesEverythingAndCreatesOneIssue()
    {
        _tree.WithSubmitYaml().With2022Run();
        var result = await RunAsync(ts: "20220120t012920z");
        Assert.True(result.Created);
        Assert.Equal("DRP-1", result.Issue);
        var issue = _server.State.Issues["DRP-1"];
        Assert.Equal("step1#v23_0_0_rc5/PREOPS-905/20220120T012920Z", issue.Summary);
        Assert.Equal(["Test"], issue.Components);
        Assert.Equal($$$"""
            BPS Submit Keywords:
            {code}
            project: dp02
            campaign: v23_0_0_rc5/PREOPS-905
            pipelineYaml: ${OBS_LSST_DIR}/pipelines/imsim/DRP.yaml#step1
            payloadName:2.2i/runs/DP0.2
            butlerConfig:s3://butler-us-central1-panda-dev/dc2/butler-external.yaml
            dataQuery:instrument='LSSTCam-imSim' and skymap='DC2' and exposure >=1472 and exposure <= 1502
            inCollection:2.2i/defaults
            sw_image:lsstsqre/centos:7-stack-lsst_distrib-v23_0_0_rc5
            output:{payloadName}/{campaign}
            bps_submit_yaml_file: {{{_tree.YamlPath}}}
            operator:ehneilsen
            uniqProcName:2.2i_runs_DP0.2_v23_0_0_rc5_PREOPS-905_20220120T012920Z
            computeSite: LSST
            cluster: {'visit_detector_1': {'pipetasks': 'isr,characterizeImage,calibrate', 'dimensions': 'visit,detector'}}
            queue:DOMA_LSST_GOOGLE_MERGE
            qgraphsize:2.9MB
            nTotalQuanta:1205
            nTotalPanDATasks:5
            execbutlersize:6.7MB
            timeConstructQGraph:3.0min
            timeToFillExecButlerDB:6.0min
            pipelineYamlSteps: step1
            {code}
            Butler Statistics
            || Step || Task || Start || nQ || sec/Q || sum(hr) || maxGB ||
            |step1|pipetaskInit| | | | | |
            |step1|isr| | | | | |
            |step1|characterizeImage| | | | | |
            |step1|calibrate| | | | | |
            |step1|mergeExecutionButler| | | | | |

            PanDA PREOPS: PREOPS-905 link:https://panda.example.org/tasks/?taskname=*20220120t012920z*&date_from=01-01-2022&days=62&sortby=time-ascending


            """, issue.Description);
    }

    [Fact]
    public async Task CurrentLayout_NoExecutionButlerNoQgraph_LeavesThoseLinesOutAndPicksNewestTimestamp()
    {
        _tree.WithSubmitYaml(withSwImage: false).With2022Run().WithCurrentRun();
        var result = await RunAsync();
        Assert.Equal(SubmitTreeBuilder.TsCurrent, result.Timestamp);
        string description = _server.State.Issues[result.Issue].Description;
        Assert.Contains("qgraphsize:1.2MB\nnTotalQuanta:2410\nnTotalPanDATasks:5\ntimeConstructQGraph:12.0min\npipelineYamlSteps: step1\n", description, StringComparison.Ordinal);
        Assert.DoesNotContain("execbutlersize", description, StringComparison.Ordinal);
        Assert.DoesNotContain("timeToFillExecButlerDB", description, StringComparison.Ordinal);
        Assert.DoesNotContain("sw_image", description, StringComparison.Ordinal);
        Assert.DoesNotContain("queue:", description, StringComparison.Ordinal);
        Assert.Contains("|step1|calibrate| | | | | |\n|step1|finalJob| | | | | |\n", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunTwice_WithDrp0_ReusesTheIssueAndWritesNothingNew()
    {
        _tree.WithSubmitYaml().With2022Run();
        var first = await RunAsync();
        string snapshot = _server.Snapshot();
        int landed = _server.Landed.Count;
        var second = await RunAsync();
        Assert.Equal(first.Issue, second.Issue);
        Assert.False(second.Created);
        Assert.False(second.Changed);
        Assert.Equal(snapshot, _server.Snapshot());
        Assert.Equal(landed, _server.Landed.Count);
    }

    [Fact]
    public async Task Drp0_CreateAnswerLost_FindsTheIssueInsteadOfCreatingATwin()
    {
        _tree.WithSubmitYaml().With2022Run();
        _server.Faults.FailAfterProcessing("POST");
        var result = await RunAsync();
        Assert.Equal("DRP-1", result.Issue);
        Assert.Single(_server.State.Issues.Values, i => i.Project == "DRP");
        Assert.Equal(1, _server.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task OutputWithOperatorPlaceholder_IsFoundInTheSubmitTree()
    {
        _tree.WithSubmitYaml(output: "u/{operator}/{payloadName}", resolvedOutput: "u/ehneilsen/2.2i/runs/DP0.2").With2022Run();
        var result = await RunAsync();
        string description = _server.State.Issues[result.Issue].Description;
        Assert.EndsWith(Path.Combine("submit", "u", "ehneilsen", "2.2i", "runs", "DP0.2", SubmitTreeBuilder.Ts2022), result.SubmitDirectory, StringComparison.Ordinal);
        Assert.Contains("qgraphsize:2.9MB\n", description, StringComparison.Ordinal);
        Assert.Contains("output:u/{operator}/{payloadName}\n", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drp0_DescriptionOverTheLimit_IsCreatedShortAndTheFullTextAttached()
    {
        _tree.WithSubmitYaml().With2022Run();
        using var engine = new JiraTestEngine(_server, FakeJiraAuth.DataCenter(), new Dictionary<string, string?> { ["ProdStatus:Jira:MaxFieldLength"] = "1000" });
        var result = await engine.Get<UpdateIssueJob>().RunAsync(_tree.YamlPath, "PREOPS-905", "DRP0", null, Env, Ct);
        var issue = _server.State.Issues[result.Issue];
        var attachment = Assert.Single(issue.Attachments);
        Assert.Equal("update-issue-20220120T012920Z.txt", attachment.FileName);
        Assert.StartsWith("BPS Submit Keywords:\n{code}\nproject: dp02", System.Text.Encoding.UTF8.GetString(attachment.Content), StringComparison.Ordinal);
        Assert.True(issue.Description.Length <= 1000);
        Assert.Contains("[^update-issue-20220120T012920Z.txt]", issue.Description, StringComparison.Ordinal);
        string snapshot = _server.Snapshot();
        await engine.Get<UpdateIssueJob>().RunAsync(_tree.YamlPath, "PREOPS-905", "DRP0", null, Env, Ct);
        Assert.Equal(snapshot, _server.Snapshot());
    }

    [Fact]
    public async Task ExistingIssue_IsOverwritten()
    {
        _tree.WithSubmitYaml().With2022Run();
        _server.State.Seed("DRP-148", "old", "old text");
        var result = await RunAsync("DRP-148");
        Assert.Equal("DRP-148", result.Issue);
        Assert.StartsWith("BPS Submit Keywords:", _server.State.Issues["DRP-148"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsetPipelineVariable_IsAClearError()
    {
        _tree.WithSubmitYaml().With2022Run();
        var ex = await Assert.ThrowsAsync<UserInputException>(() =>
            _engine.Get<UpdateIssueJob>().RunAsync(_tree.YamlPath, "PREOPS-905", "DRP0", null, _ => null, Ct));
        Assert.Equal($"{_tree.YamlPath}: pipelineYaml: environment variable OBS_LSST_DIR is not set (needed to read the pipeline's subsets from ${{OBS_LSST_DIR}}/pipelines/imsim/DRP.yaml)", ex.Message);
        Assert.Empty(_server.Landed);
    }

    [Fact]
    public async Task MissingPayloadKey_And_NoSubmitDirectory_NameTheProblem()
    {
        File.WriteAllText(_tree.YamlPath, "campaign: c\npayload:\n  payloadName: p\n  output: o\n");
        var missing = await Assert.ThrowsAsync<UserInputException>(() => RunAsync());
        Assert.Equal($"{_tree.YamlPath}: payload.butlerConfig: is required", missing.Message);

        _tree.WithSubmitYaml();
        var noDir = await Assert.ThrowsAsync<UserInputException>(() => RunAsync());
        Assert.Contains("submit directory not found", noDir.Message, StringComparison.Ordinal);
    }
}
