using System.Net;
using ProdStatus.Engine.Jobs;
using ProdStatus.Testing.Jira;

namespace ProdStatus.Engine.IntegrationTests.Campaigns;

/// <summary>update-campaign and create-campaign-yaml against the fake Jira.</summary>
public sealed class CampaignJobTests : IAsyncLifetime
{
    private readonly FakeJiraServer _server = new(FakeJiraAuth.Cloud());
    private readonly CampaignTree _tree = new();
    private JiraTestEngine _engine = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _server.StartAsync(Ct);
        _engine = new JiraTestEngine(_server, FakeJiraAuth.Cloud(), new Dictionary<string, string?>
        {
            ["ProdStatus:Campaign:DefaultSteps:0"] = "step1",
            ["ProdStatus:Campaign:DefaultSteps:1"] = "step3a",
        });
    }

    public async ValueTask DisposeAsync()
    {
        _engine.Dispose();
        _tree.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task UpdateCampaign_New_CreatesIssues_AttachesYamls_LinksSteps_AndASecondRunChangesNothing()
    {
        string localBefore = File.ReadAllText(_tree.CampaignYaml);
        var job = _engine.Get<CampaignJob>();
        var first = await job.UpdateAsync(_tree.CampaignYaml, null, null, Ct);

        Assert.Equal(("DRP-1", true, true), (first.Issue, first.Created, first.CampaignYamlChanged));
        Assert.Equal([("step1", "DRP-2", true, 2), ("step2", "DRP-3", true, 1)], first.Steps.Select(s => (s.Name, s.Issue, s.Created, s.Workflows)));
        Assert.Equal(("Campaign w_2022_34", "Step step1"), (_server.State.Issues["DRP-1"].Summary, _server.State.Issues["DRP-2"].Summary));
        var campaign = CampaignTree.StoredCampaign(_server, "DRP-1");
        Assert.Equal(("DRP-1", "w_2022_34"), (campaign.Issue, campaign.Name));
        Assert.Equal([("step1", "DRP-2", "DRP-1", false), ("step2", "DRP-3", "DRP-1", true)],
            campaign.Steps.Select(s => (s.Name, s.IssueName, s.CampaignIssue, s.SplitBands)));
        var step1 = CampaignTree.StoredStep(_server, "DRP-2");
        Assert.Equal(("step1", "DRP-2", "DRP-1", _tree.Step1Dir), (step1.Name, step1.IssueName, step1.CampaignIssue, step1.WorkflowBase));
        Assert.Equal(["step1_all_1", "step1_all_2"], step1.Workflows.Select(w => w.Name));
        Assert.Equal(["step.yaml", "step1_all_1.yaml", "step1_all_2.yaml"], _server.State.Issues["DRP-2"].Attachments.Select(a => a.FileName).Order(StringComparer.Ordinal));
        Assert.Equal(["Relates DRP-1 -> DRP-2", "Relates DRP-1 -> DRP-3"], CampaignTree.Links(_server));

        string snapshot = _server.Snapshot();
        int writes = _server.Landed.Count;
        var second = await job.UpdateAsync(_tree.CampaignYaml, null, null, Ct);
        Assert.Equal(("DRP-1", false, false), (second.Issue, second.Created, second.CampaignYamlChanged));
        Assert.All(second.Steps, s => Assert.False(s.Created || s.StepYamlChanged || s.BpsAttached > 0 || s.Linked));
        Assert.Equal(snapshot, _server.Snapshot());
        Assert.Equal(writes, _server.Landed.Count);
        Assert.Equal(localBefore, File.ReadAllText(_tree.CampaignYaml));
    }

    [Fact]
    public async Task UpdateCampaign_GivenIssueWithoutCampaignYaml_IsUsed_NameOptionWins_ExistingLinkInEitherDirectionCounts()
    {
        _server.State.Seed("DRP-40", "Campaign old name");
        _server.State.Seed("DRP-41", "Step step1");
        _server.State.Links.Add(new FakeLink("1", "Relates", "DRP-41", "DRP-40"));
        _tree.Write("campaign.yaml", $"name: ignored\nsteps:\n- name: step1\n  issue_name: DRP-41\n  workflow_base: {_tree.Step1Dir}\n");

        var result = await _engine.Get<CampaignJob>().UpdateAsync(_tree.CampaignYaml, "DRP-40", "w_2022_40", Ct);

        Assert.Equal(("DRP-40", false, "w_2022_40"), (result.Issue, result.Created, result.Name));
        Assert.False(Assert.Single(result.Steps).Created);
        Assert.Equal("w_2022_40", CampaignTree.StoredCampaign(_server, "DRP-40").Name);
        Assert.Equal(["Relates DRP-41 -> DRP-40"], CampaignTree.Links(_server));
        Assert.Equal(2, _server.State.Issues.Count);
    }

    [Fact]
    public async Task UpdateCampaign_StepsOnlyInJira_AreKept_StoredStepIssuesReused()
    {
        await _engine.Get<CampaignJob>().UpdateAsync(_tree.CampaignYaml, null, null, Ct);
        _tree.Write("campaign.yaml", $"name: w_2022_34\nsteps:\n- name: step1\n  workflow_base: {_tree.Step1Dir}\n");
        _tree.Write("step1/step1_all_3.yaml", "pipelineYaml: DRP.yaml#step1\n");

        var result = await _engine.Get<CampaignJob>().UpdateAsync(_tree.CampaignYaml, null, null, Ct);

        var step = Assert.Single(result.Steps);
        Assert.Equal(("DRP-2", false, 1, 1), (step.Issue, step.Created, step.WorkflowsAdded, step.BpsAttached));
        Assert.Equal(["step1", "step2"], CampaignTree.StoredCampaign(_server, "DRP-1").Steps.Select(s => s.Name));
        Assert.Equal(3, _server.State.Issues.Count);
    }

    [Fact]
    public async Task UpdateCampaign_InterruptedBeforeCampaignYaml_OrCreateAnswered500_CreatesNothingTwice()
    {
        _server.Faults.FailAfterProcessing("POST"); // the campaign issue is created, the answer lost
        var first = await _engine.Get<CampaignJob>().UpdateAsync(_tree.CampaignYaml, null, null, Ct);
        Assert.Equal("DRP-1", first.Issue);
        lock (_server.State.Gate)
        {
            _server.State.Issues["DRP-1"].Attachments.Clear(); // as if the run had died before attaching campaign.yaml
        }

        var again = await _engine.Get<CampaignJob>().UpdateAsync(_tree.CampaignYaml, null, null, Ct);

        Assert.Equal(["DRP-2", "DRP-3"], again.Steps.Select(s => s.Issue));
        Assert.All(again.Steps, s => Assert.False(s.Created));
        Assert.Equal(3, _server.State.Issues.Count);
        Assert.Equal(["DRP-2", "DRP-3"], CampaignTree.StoredCampaign(_server, "DRP-1").Steps.Select(s => s.IssueName));
        Assert.Equal(2, _server.State.Links.Count);
    }

    [Fact]
    public async Task CreateCampaignYaml_FromIssue_WritesTheDownloadedYaml_AndReadsOnly()
    {
        _server.State.Seed("DRP-501", "Campaign w_2022_34_DM-35936");
        CampaignTree.Attach(_server, "DRP-501", "campaign.yaml",
            "issue: DRP-501\nname: w_2022_34_DM-35936\nsteps:\n- {issue_name: DRP-492, name: step1, workflow_base: /sdf/step1/, campaign_issue: DRP-501}\n");
        _server.State.Seed("DRP-502", "Campaign new");
        string downloaded = Path.Combine(_tree.Root, "out", "downloaded.yaml");
        string template = Path.Combine(_tree.Root, "template.yaml");
        var job = _engine.Get<CampaignJob>();

        var fromJira = await job.CreateYamlAsync("w_2022_34_DM-35936", downloaded, "DRP-501", Ct);
        var fresh = await job.CreateYamlAsync("new", template, "DRP-502", Ct);

        Assert.Empty(_server.Landed);
        Assert.True(fromJira.Downloaded);
        var spec = ProdStatus.Engine.Campaigns.CampaignYaml.Load(downloaded);
        Assert.Equal(("DRP-501", "DRP-492", "/sdf/step1/"), (spec.Issue, spec.Steps[0].IssueName, spec.Steps[0].WorkflowBase));
        Assert.False(fresh.Downloaded);
        var written = ProdStatus.Engine.Campaigns.CampaignYaml.Load(template);
        Assert.Equal(("DRP-502", "step1|step3a"), (written.Issue, string.Join('|', written.Steps.Select(s => s.Name))));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    public async Task UpdateCampaign_With30PercentRefusals_LandsEachWriteOnce(int seed)
    {
        await _engine.Get<CampaignJob>().UpdateAsync(_tree.CampaignYaml, null, null, Ct);
        await using var faulty = new FakeJiraServer(FakeJiraAuth.Cloud());
        await faulty.StartAsync(Ct);
        using var faultyEngine = new JiraTestEngine(faulty, FakeJiraAuth.Cloud());
        faulty.Faults.Seed(seed);
        faulty.Faults.RefusalRate = 0.3;
        faulty.Faults.RefuseNext(HttpStatusCode.TooManyRequests, 1, "POST");

        await faultyEngine.Get<CampaignJob>().UpdateAsync(_tree.CampaignYaml, null, null, Ct);
        await faultyEngine.Get<CampaignJob>().UpdateAsync(_tree.CampaignYaml, null, null, Ct);

        Assert.True(faulty.Faults.Refused >= 3, $"only {faulty.Faults.Refused} refusals injected");
        Assert.Equal(_server.Landed, faulty.Landed);
        Assert.Equal(_server.Snapshot(), faulty.Snapshot());
    }
}
