using ProdStatus.Engine.Campaigns;
using ProdStatus.Engine.Jobs;
using ProdStatus.Testing.Jira;

namespace ProdStatus.Engine.IntegrationTests.Campaigns;

/// <summary>update-step and create-step-yaml against the fake Jira.</summary>
public sealed class StepJobTests : IAsyncLifetime
{
    private const string StoredStep = """
        campaign_issue: null
        issue_name: DRP-200
        name: step1
        workflow_base: /elsewhere/step1/
        workflows:
          old_1: {bps_config: old_1.yaml, bps_dir: /elsewhere/step1/, name: old_1}
        """;

    private readonly FakeJiraServer _server = new(FakeJiraAuth.DataCenter());
    private readonly CampaignTree _tree = new();
    private JiraTestEngine _engine = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _server.StartAsync(Ct);
        _engine = new JiraTestEngine(_server, FakeJiraAuth.DataCenter());
        _server.State.Seed("DRP-100", "Campaign c1");
        _server.State.Seed("DRP-200", "Step step1");
        CampaignTree.Attach(_server, "DRP-200", "step.yaml", StoredStep);
    }

    public async ValueTask DisposeAsync()
    {
        _engine.Dispose();
        _tree.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task UpdateStep_KeepsStoredWorkflows_AddsNewSubmitYamls_HonoursStepAndCampaignName_LinksOnce()
    {
        string yaml = _tree.Write("step.yaml", $"name: stepX\nworkflow_base: {_tree.Step1Dir}\nworkflows:\n  step1_all_1: {{bps_dir: {_tree.Step1Dir}/step1_all_1.yaml}}\n");
        var job = _engine.Get<StepJob>();

        var first = await job.UpdateAsync(yaml, "DRP-200", "c1", "step1", Ct);

        Assert.Equal(("DRP-200", false, "DRP-100", true, 3, 1, 2), (first.Issue, first.Created, first.CampaignIssue, first.Linked, first.Workflows, first.WorkflowsAdded, first.BpsAttached));
        Assert.Equal(["/elsewhere/step1/old_1.yaml"], first.MissingFiles);
        var stored = CampaignTree.StoredStep(_server, "DRP-200");
        Assert.Equal(("step1", "DRP-100", _tree.Step1Dir), (stored.Name, stored.CampaignIssue, stored.WorkflowBase));
        Assert.Equal(["old_1", "step1_all_1", "step1_all_2"], stored.Workflows.Select(w => w.Name));
        Assert.All(stored.Workflows.Where(w => w.Name != "old_1"), w => Assert.Equal(_tree.Step1Dir, w.BpsDir));

        string snapshot = _server.Snapshot();
        var again = await job.UpdateAsync(yaml, "DRP-200", "DRP-100", "step1", Ct);
        Assert.False(again.StepYamlChanged || again.Linked || again.BpsAttached > 0);
        Assert.Equal(snapshot, _server.Snapshot());

        _tree.Write("step1/step1_all_3.yaml", "pipelineYaml: DRP.yaml#step1\n");
        _tree.Write("step1/step1_all_1.yaml", "pipelineYaml: DRP.yaml#step1\npayload: {dataQuery: exposure < 5}\n");
        var third = await job.UpdateAsync(yaml, "DRP-200", "c1", "step1", Ct);
        Assert.Equal((1, 2, true), (third.WorkflowsAdded, third.BpsAttached, third.StepYamlChanged));
        var attachments = _server.State.Issues["DRP-200"].Attachments.Select(a => a.FileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["step.yaml", "step1_all_1.yaml", "step1_all_2.yaml", "step1_all_3.yaml"], attachments);
        Assert.Contains("exposure < 5", CampaignTree.Attachment(_server, "DRP-200", "step1_all_1.yaml"), StringComparison.Ordinal);
        Assert.Equal(["Relates DRP-100 -> DRP-200"], CampaignTree.Links(_server));
    }

    [Fact]
    public async Task UpdateStep_WithoutIssue_CreatesStepIssue_AndAnUnknownCampaignNameIsBadInput()
    {
        string yaml = _tree.Write("step.yaml", $"name: step2\nworkflow_base: {Path.Combine(_tree.Root, "step2")}\n");
        var job = _engine.Get<StepJob>();

        var missing = await Assert.ThrowsAsync<Errors.UserInputException>(() => job.UpdateAsync(yaml, null, "no such campaign", null, Ct));
        Assert.Equal("--campaign-name: no issue 'Campaign no such campaign' found; give the campaign issue key or run update-campaign first", missing.Message);
        Assert.Empty(_server.Landed);

        var created = await job.UpdateAsync(yaml, null, null, null, Ct);
        Assert.Equal(("DRP-1", true, 1), (created.Issue, created.Created, created.Workflows));
        Assert.Equal("Step step2", _server.State.Issues["DRP-1"].Summary);
        Assert.Empty(_server.State.Links);
    }

    [Fact]
    public async Task CreateStepYaml_FromIssue_WritesItNormalized_ReadsOnly_OtherwiseScansTheFolder()
    {
        string fromJira = Path.Combine(_tree.Root, "from-jira.yaml");
        string scanned = Path.Combine(_tree.Root, "scanned.yaml");
        var job = _engine.Get<StepJob>();

        var downloaded = await job.CreateYamlAsync(fromJira, "step1", _tree.Step1Dir, "DRP-200", "DRP-100", Ct);
        var fresh = await job.CreateYamlAsync(scanned, "step1", _tree.Step1Dir, null, "DRP-100", Ct);

        Assert.Empty(_server.Landed);
        Assert.Equal((true, 1), (downloaded.Downloaded, downloaded.Workflows));
        Assert.Equal(("DRP-200", "DRP-100"), (StepYaml.Load(fromJira).IssueName, StepYaml.Load(fromJira).CampaignIssue));
        Assert.Equal((false, 2), (fresh.Downloaded, fresh.Workflows));
        string text = File.ReadAllText(scanned);
        Assert.StartsWith("campaign_issue: DRP-100\n", text, StringComparison.Ordinal);
        Assert.Contains($"    bps_config: step1_all_1.yaml\n    bps_dir: {_tree.Step1Dir}\n    name: step1_all_1\n", text, StringComparison.Ordinal);
    }
}
