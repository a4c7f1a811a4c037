using System.Text;
using ProdStatus.Engine.Campaigns;

namespace ProdStatus.Engine.Tests.Campaigns;

public sealed class StepYamlTests
{
    private static StepSpec Parse(string text) => StepYaml.Parse("step.yaml", Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Parse_CreateStepYamlForm_BpsDirHoldingTheFilePath_BecomesFolderAndFileName()
    {
        var spec = Parse("""
            campaign_issue: null
            issue_name: null
            name: step1
            workflow_base: /w/step1
            workflows:
              step1_all_1:
                band: all
                bps_dir: /w/step1/step1_all_1.yaml
                bps_name: null
                issue_name: null
                name: step1_all_1
                step_issue: null
                step_name: step1
            """);
        var w = Assert.Single(spec.Workflows);
        Assert.Equal(("step1_all_1", "/w/step1", "step1_all_1.yaml", "all", "/w/step1/step1_all_1.yaml"), (w.Name, w.BpsDir, w.BpsConfig, w.Band, w.BpsPath));
        Assert.Equal(["bps_name", "step_issue", "step_name"], w.Extra.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_UpdateStepForms_StoredFlowStyle_AndFullPathInBpsConfig()
    {
        var spec = Parse("""
            campaign_issue: DRP-501
            issue_name: DRP-492
            name: step1
            workflow_base: /w/step1/
            workflows:
              step1_all_1: {bps_config: step1_all_1.yaml, bps_dir: /w/step1/, name: step1_all_1}
              step1_all_2: {bps_config: /w/other/step1_all_2.yaml, bps_dir: /w/step1/, name: step1_all_2}
              step1_all_3: {name: step1_all_3}
            """);
        Assert.Equal(("DRP-501", "DRP-492", "step1"), (spec.CampaignIssue, spec.IssueName, spec.Name));
        Assert.Equal(["/w/step1/step1_all_1.yaml", "/w/other/step1_all_2.yaml", "/w/step1/step1_all_3.yaml"], spec.Workflows.Select(w => w.BpsPath));
    }

    [Fact]
    public void Write_BpsDirIsAlwaysTheFolder_AndTheTextRoundTrips()
    {
        var spec = Parse("name: step1\nworkflow_base: /w/step1\nworkflows:\n  step1_a:\n    bps_dir: /w/step1/step1_a.yaml\n    step_name: step1\n");
        string text = StepYaml.Write(spec);
        Assert.Equal("""
            campaign_issue: null
            issue_name: null
            name: step1
            workflow_base: /w/step1
            workflows:
              step1_a:
                bps_config: step1_a.yaml
                bps_dir: /w/step1
                name: step1_a
                step_name: step1

            """.ReplaceLineEndings("\n"), text);
        Assert.Equal(text, StepYaml.Write(Parse(text)));
    }

    [Fact]
    public void Parse_BadWorkflows_NamesTheField()
    {
        var ex = Assert.Throws<Errors.UserInputException>(() => Parse("name: step1\nworkflows: [a, b]\n"));
        Assert.Equal("step.yaml: line 2: workflows: must be a mapping of workflow names to entries (bps_dir, bps_config, ...)", ex.Message);
        ex = Assert.Throws<Errors.UserInputException>(() => Parse("name: step1\nworkflows:\n  a: {issue_name: 12}\n"));
        Assert.Equal("step.yaml: line 3: workflows.a.issue_name: '12' is not an issue key such as DRP-148", ex.Message);
        ex = Assert.Throws<Errors.UserInputException>(() => Parse("name: step1\nworkflows:\n  a: [x]\n"));
        Assert.Equal("step.yaml: line 3: workflows.a: must be a mapping (bps_dir, bps_config, ...)", ex.Message);
    }

    [Fact]
    public void Scan_TakesTheStepsSubmitYamlsOnly_AndMergeKeepsListedWorkflows()
    {
        string dir = Directory.CreateTempSubdirectory("prodstat-scan-").FullName;
        foreach (string f in new[] { "step1_all_1.yaml", "step1_all_2.yaml", "step1.yaml", "step10_a.yaml", "clustering_step1.yaml", "step1_all_1.log" })
        {
            File.WriteAllText(Path.Combine(dir, f), "x: 1\n");
        }
        var scanned = StepWorkflows.Scan(dir, "step1", "WORKFLOW_DIR");
        Assert.Equal(["step1", "step1_all_1", "step1_all_2"], scanned.Select(w => w.Name));

        var listed = new WorkflowEntry("old", "/elsewhere", "old.yaml", null, "DRP-7", CampaignSpec.NoExtra);
        var renamed = new WorkflowEntry("first", dir, "step1_all_1.yaml", "g", null, CampaignSpec.NoExtra);
        var merged = StepWorkflows.Merge([listed], [renamed], scanned);
        Assert.Equal(["first", "old", "step1", "step1_all_2"], merged.Select(w => w.Name));
        Assert.Equal("DRP-7", merged.Single(w => w.Name == "old").IssueName);
        var missing = Assert.Throws<Errors.UserInputException>(() => StepWorkflows.Scan(Path.Combine(dir, "nope"), "step1", "WORKFLOW_DIR"));
        Assert.Equal($"WORKFLOW_DIR: {Path.Combine(dir, "nope")}: directory not found", missing.Message);
        Directory.Delete(dir, true);
    }
}
