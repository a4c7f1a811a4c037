using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Errors;
using Xunit;

namespace ProdStatus.Engine.Tests.Drp;

public sealed class PipelineSubsetsTests
{
    [Fact]
    public void Rows_ReadSubsetsPlural_BothShapes_AndSingleTasks()
    {
        string file = Path.GetTempFileName();
        File.WriteAllText(file, "subsets:\n  step1:\n    subset: [isr, calibrate]\n    description: d\n  step2: [makeVisitTable]\n");
        var rows = PipelineSubsets.Rows(file, "step1,makeVisitTable,unknown", "finalJob");
        Assert.Equal([("step1", "pipetaskInit"), ("step1", "isr"), ("step1", "calibrate"), ("step1", "finalJob"), ("step2", "makeVisitTable")], rows);
        File.Delete(file);
    }

    [Fact]
    public void Expand_AnyVariableAnywhere_UnsetNamesIt()
    {
        Assert.Equal("/a/x/b/DRP.yaml", PipelineSubsets.Expand("/a/${X}/b/DRP.yaml", "s.yaml", n => n == "X" ? "x" : null));
        var ex = Assert.Throws<UserInputException>(() => PipelineSubsets.Expand("${DRP_PIPE_DIR}/p.yaml", "s.yaml", _ => null));
        Assert.StartsWith("s.yaml: pipelineYaml: environment variable DRP_PIPE_DIR is not set", ex.Message, StringComparison.Ordinal);
        Assert.Equal(("${D}/p.yaml", "step1,step2"), PipelineSubsets.Split("${D}/p.yaml#step1,step2"));
    }

    [Fact]
    public void JiraOptions_InvalidValues_AreReportedNamingEachKey()
    {
        var result = new JiraOptionsValidator().Validate(null, new JiraOptions
        {
            ApiToken = "t", PersonalAccessToken = "p", Project = "drp", SummaryIssue = "DRP53", MaxRetries = 11,
        });
        Assert.Equal([
            "ProdStatus:Jira:ApiToken (Cloud) and ProdStatus:Jira:PersonalAccessToken (Data Center) are both set; keep one",
            "ProdStatus:Jira:Email is required with ProdStatus:Jira:ApiToken (Cloud Basic auth is email:token)",
            "ProdStatus:Jira:BaseUrl is required when Jira credentials are set",
            "ProdStatus:Jira:Project must be a project key such as DRP (got 'drp')",
            "ProdStatus:Jira:SummaryIssue must be an issue key such as DRP-53 (got 'DRP53')",
            "ProdStatus:Jira:MaxRetries must be between 0 and 10 (got 11)",
        ], result.Failures);
    }
}
