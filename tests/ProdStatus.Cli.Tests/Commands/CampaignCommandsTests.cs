using ProdStatus.Cli;

namespace ProdStatus.Cli.Tests.Commands;

/// <summary>The campaign and step commands through the CLI, offline (no credentials: the outbox), and their error paths.</summary>
public sealed class CampaignCommandsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prodstat-campaign-cli-").FullName;

    public CampaignCommandsTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "step1"));
        File.WriteAllText(Path.Combine(_root, "step1", "step1_all_1.yaml"), "pipelineYaml: DRP.yaml#step1\n");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private string Outbox => Path.Combine(_root, "data", "outbox");

    private Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(null, args);

    private async Task<(int Code, string Out, string Err)> RunAsync(Uri? jira, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = new Dictionary<string, string?> { ["ProdStatus:Output:DataDir"] = Path.Combine(_root, "data") };
        if (jira is not null)
        {
            settings["ProdStatus:Jira:BaseUrl"] = jira.ToString();
            settings["ProdStatus:Jira:PersonalAccessToken"] = "dc-pat";
        }
        int code = await CliApplication.RunAsync(args, new CliEnvironment { Out = output, Error = error, ConfigurationOverrides = settings });
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task CreateThenUpdateCampaign_Offline_WritesTheTemplate_ThenOnlyTheOutbox()
    {
        string yaml = Path.Combine(_root, "campaign.yaml");
        var created = await RunAsync("create-campaign-yaml", "w_2022_34", yaml);
        Assert.Equal((0, $"{yaml}: campaign 'w_2022_34', 7 steps (new)\n"), (created.Code, created.Out));
        Assert.False(Directory.Exists(Outbox));
        string text = File.ReadAllText(yaml);
        Assert.Contains("- campaign_issue: null\n  issue_name: null\n  name: step7\n", text, StringComparison.Ordinal);
        var forIssue = await RunAsync("create-campaign-yaml", "w_2022_34", yaml, "--campaign_issue", "drp-7");
        Assert.Equal((0, $"{yaml}: campaign 'w_2022_34', 7 steps (new: DRP-7 has no campaign.yaml yet)\n"), (forIssue.Code, forIssue.Out));
        Assert.Equal("warning: Jira is not configured (ProdStatus:Jira): DRP-7 was not read\n", forIssue.Err);
        Assert.StartsWith("issue: DRP-7\n", File.ReadAllText(yaml), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Outbox));

        File.WriteAllText(yaml, $"name: w_2022_34\nsteps:\n- name: step1\n  workflow_base: {Path.Combine(_root, "step1")}\n");
        var updated = await RunAsync("update-campaign", yaml, "--campaign_name", "renamed");
        Assert.Equal(0, updated.Code);
        Assert.Equal("OUTBOX-1: campaign 'renamed' created, campaign.yaml written\n" +
            "  step1 OUTBOX-2: created, 1 workflows (1 new), step.yaml written, 1 submit yamls attached, linked to OUTBOX-1\n", updated.Out);
        Assert.Contains("outbox", updated.Err, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Outbox, "*-create-link-OUTBOX-1.json"));
        Assert.Contains("Campaign renamed", File.ReadAllText(Directory.GetFiles(Outbox, "*-create-issue-OUTBOX-1.json").Single()), StringComparison.Ordinal);
        Assert.Equal($"name: w_2022_34\nsteps:\n- name: step1\n  workflow_base: {Path.Combine(_root, "step1")}\n", File.ReadAllText(yaml));
    }

    [Fact]
    public async Task CreateAndUpdateStep_OriginalOptionSpellings_AreAccepted()
    {
        string yaml = Path.Combine(_root, "step.yaml");
        var created = await RunAsync("create-step-yaml", yaml, "step1", Path.Combine(_root, "step1"), "--campaign_issue", "drp-5");
        Assert.Equal((0, $"{yaml}: step 'step1', 1 workflows (from the folder)\n"), (created.Code, created.Out));
        Assert.StartsWith("campaign_issue: DRP-5\n", File.ReadAllText(yaml), StringComparison.Ordinal);

        var updated = await RunAsync("update-step", yaml, "--step_issue", "DRP-9", "--step_name", "step1b", "--campaign_name", "DRP-5", "--dry_run");
        Assert.Equal((0, "step1b DRP-9: existing, 1 workflows (0 new), step.yaml written, 1 submit yamls attached, linked to DRP-5\n"), (updated.Code, updated.Out));
        Assert.Contains("name: step1b\n", File.ReadAllText(Directory.GetFiles(Path.Combine(Outbox, "files"), "*-step.yaml").Single()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateCampaignTwice_AgainstJira_SecondRunWritesNothing_ThenCreateCampaignYamlDownloadsIt()
    {
        await using var jira = new ProdStatus.Testing.Jira.FakeJiraServer(ProdStatus.Testing.Jira.FakeJiraAuth.DataCenter());
        await jira.StartAsync(TestContext.Current.CancellationToken);
        string yaml = Write("campaign.yaml", $"name: w_2022_34\nsteps:\n- name: step1\n  workflow_base: {Path.Combine(_root, "step1")}\n");

        var first = await RunAsync(jira.BaseUri, "update-campaign", yaml);
        int writes = jira.Landed.Count;
        var second = await RunAsync(jira.BaseUri, "update-campaign", yaml);
        string copy = Path.Combine(_root, "copy.yaml");
        var downloaded = await RunAsync(jira.BaseUri, "create-campaign-yaml", "w_2022_34", copy, "--campaign-issue", "DRP-1");

        Assert.Equal((0, 0, 0), (first.Code, second.Code, downloaded.Code));
        Assert.Equal("DRP-1: campaign 'w_2022_34' existing, campaign.yaml unchanged\n" +
            "  step1 DRP-2: existing, 1 workflows (0 new), step.yaml unchanged, 0 submit yamls attached, already linked to DRP-1\n", second.Out);
        Assert.Equal(("", ""), (second.Err, downloaded.Err));
        Assert.Equal($"{copy}: campaign 'w_2022_34', 1 steps (campaign.yaml of DRP-1)\n", downloaded.Out);
        Assert.Equal(writes, jira.Landed.Count);
        Assert.Contains("  issue_name: DRP-2\n", File.ReadAllText(copy), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("update-campaign|/nonexistent/c.yaml", "error: /nonexistent/c.yaml: file not found")]
    [InlineData("update-campaign|{bad-steps}", "error: {bad-steps}: line 2: steps: must be a list of step entries (name, issue_name, workflow_base, ...)")]
    [InlineData("update-campaign|{no-name}", "error: {no-name}: name: is required (or give --campaign-name)")]
    [InlineData("update-campaign|{missing-dir}", "error: {missing-dir}: steps[0].workflow_base: /nonexistent/step1: directory not found")]
    [InlineData("update-campaign|{no-name}|--campaign_issue|DRP 5", "error: --campaign-issue: 'DRP 5' is not an issue key such as DRP-148")]
    [InlineData("create-campaign-yaml| |{root}/c.yaml", "error: CAMPAIGN_NAME: must not be empty")]
    [InlineData("create-step-yaml|{root}/s.yaml|step1|/nonexistent/dir", "error: WORKFLOW_DIR: /nonexistent/dir: directory not found")]
    [InlineData("create-step-yaml|{root}/s.yaml|a/b|{root}", "error: STEP_NAME: 'a/b' is not a step name (one word, no '/')")]
    [InlineData("update-step|{no-name}", "error: {no-name}: name: is required (or give --step-name)")]
    [InlineData("update-step|{bad-steps}|--step-name|step1", "error: {bad-steps}: workflow_base: {root}/nowhere: directory not found")]
    public async Task BadInput_IsOneLineNamingFileAndField_ExitCode2_NothingWritten(string args, string expected)
    {
        var files = new Dictionary<string, string>
        {
            ["{bad-steps}"] = Write("bad-steps.yaml", $"name: c\nsteps: step1\nworkflow_base: {_root}/nowhere\n"),
            ["{no-name}"] = Write("no-name.yaml", "steps: []\nworkflows: {}\n"),
            ["{missing-dir}"] = Write("missing-dir.yaml", "name: c\nsteps:\n- name: step1\n  workflow_base: /nonexistent/step1\n"),
            ["{root}"] = _root,
        };
        string Fill(string s) => files.Aggregate(s, (acc, kv) => acc.Replace(kv.Key, kv.Value, StringComparison.Ordinal));
        var result = await RunAsync(Fill(args).Split('|'));
        Assert.Equal((2, Fill(expected) + "\n", ""), (result.Code, result.Err, result.Out));
        Assert.False(Directory.Exists(Outbox));
    }
}
