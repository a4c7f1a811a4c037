using System.Text;
using ProdStatus.Engine.Campaigns;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Tests.Campaigns;

public sealed class CampaignYamlTests
{
    private static CampaignSpec Parse(string text) => CampaignYaml.Parse("campaign.yaml", Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Write_Template_LooksLikeTheOriginalsYamlDump()
    {
        string text = CampaignYaml.Write(CampaignSpec.Template("w_2022_34_DM-35936", null, ["step1", "step2"]));
        Assert.Equal("""
            issue: null
            name: w_2022_34_DM-35936
            steps:
            - campaign_issue: null
              issue_name: null
              name: step1
              split_bands: false
              workflow_base: ''
            - campaign_issue: null
              issue_name: null
              name: step2
              split_bands: false
              workflow_base: ''

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void RoundTrip_OperatorsFile_KeepsEveryFieldAndUnknownKeys()
    {
        var spec = Parse("""
            issue: drp-501
            name: w_2022_34_DM-35936
            owner: {team: dm, contact: x}
            steps:
            - {campaign_issue: DRP-501, issue_name: DRP-492, name: step1, split_bands: False, workflow_base: /sdf/dp02/step1/, note: first}
            - issue_name: ''
              name: step2
              split_bands: yes
              workflow_base:
            """);
        Assert.Equal(("DRP-501", "w_2022_34_DM-35936", 2), (spec.Issue, spec.Name, spec.Steps.Count));
        Assert.Equal(new CampaignStep("step1", "DRP-492", "DRP-501", false, "/sdf/dp02/step1/", spec.Steps[0].Extra), spec.Steps[0]);
        Assert.Equal((null, null, true, ""), (spec.Steps[1].IssueName, spec.Steps[1].CampaignIssue, spec.Steps[1].SplitBands, spec.Steps[1].WorkflowBase));

        string written = CampaignYaml.Write(spec);
        var again = Parse(written);
        Assert.Equal(written, CampaignYaml.Write(again));
        Assert.Contains("owner: {team: dm, contact: x}\n", written, StringComparison.Ordinal); // unknown entries keep their own form
        Assert.Contains("  note: first\n", written, StringComparison.Ordinal);
        Assert.Equal(spec.Steps.Select(s => (s.Name, s.IssueName, s.SplitBands, s.WorkflowBase)), again.Steps.Select(s => (s.Name, s.IssueName, s.SplitBands, s.WorkflowBase)));
    }

    [Fact]
    public void RoundTrip_AFileWrittenByTheOriginal_IsReproducedByteForByte()
    {
        const string original = """
            issue: DRP-501
            name: w_2022_34_DM-35936
            steps:
            - campaign_issue: null
              issue_name: DRP-492
              name: step1
              split_bands: false
              workflow_base: /home/operator/prod/test-med-1/DM-35936/step1/
            - campaign_issue: null
              issue_name: DRP-493
              name: step2
              split_bands: false
              workflow_base: /home/operator/prod/test-med-1/DM-35936/step2/

            """;
        Assert.Equal(original.ReplaceLineEndings("\n"), CampaignYaml.Write(Parse(original)));
    }

    [Theory]
    [InlineData("2022", "'2022'")]
    [InlineData("yes", "'yes'")]
    [InlineData("1e3", "'1e3'")]
    [InlineData("2022-08-30", "'2022-08-30'")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("w_2022_34", "w_2022_34")]
    [InlineData("/sdf/group/step1/", "/sdf/group/step1/")]
    public void Write_StringsAYaml11ReaderWouldRetype_AreQuoted_AndReadBackAsStrings(string name, string expected)
    {
        string text = CampaignYaml.Write(CampaignSpec.Template(name, null, []));
        Assert.Contains($"name: {expected}\n", text, StringComparison.Ordinal);
        Assert.Equal(name, Parse(text).Name);
    }

    [Theory]
    [InlineData("steps: step1\n", "campaign.yaml: line 1: steps: must be a list of step entries (name, issue_name, workflow_base, ...)")]
    [InlineData("steps:\n- name: step1\n- name: step1\n", "campaign.yaml: steps: step 'step1' is listed twice")]
    [InlineData("steps:\n- issue_name: DRP-1\n", "campaign.yaml: steps[0].name: is required")]
    [InlineData("steps:\n- name: step1\n  issue_name: DRP 1\n", "campaign.yaml: line 3: steps[0].issue_name: 'DRP 1' is not an issue key such as DRP-148")]
    [InlineData("steps:\n- name: step1\n  split_bands: maybe\n", "campaign.yaml: line 3: steps[0].split_bands: must be true or false (got 'maybe')")]
    [InlineData("name: [a, b]\n", "campaign.yaml: line 1: name: must be a single value, not a list or mapping")]
    [InlineData("steps:\n- step1\n", "campaign.yaml: line 2: steps[0]: must be a mapping (name, issue_name, workflow_base, ...)")]
    [InlineData("- a\n", "campaign.yaml: expected a YAML mapping")]
    [InlineData("name: a\nname: b\n", "campaign.yaml: line 2: not valid YAML: Duplicate key name")]
    public void Parse_BadInput_NamesFileAndField(string text, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => Parse(text));
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void Parse_InvalidYaml_NamesTheLine()
    {
        var ex = Assert.Throws<UserInputException>(() => Parse("name: x\nsteps: [a\n"));
        Assert.StartsWith("campaign.yaml: line ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
