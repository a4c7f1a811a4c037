using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Params;

namespace ProdStatus.Engine.Tests.Params;

public sealed class PandaStatParamsTests
{
    private static PandaStatParams Parse(string yaml) => PandaStatParams.Read(ParamFile.Parse("p.yaml", new StringReader(yaml)));

    [Fact]
    public void Read_OriginalFile_Works()
    {
        var p = Parse("""
            Jira: PREOPS-973
            collTypes: ["20220127t205042z"]
            maxtask: 100
            start_date: '1970-01-01'
            stop_date: '2022-02-03'
            workNames: ''
            """);
        Assert.Equal(("PREOPS-973", 100, "20220127t205042z"), (p.Jira, p.MaxTask, p.CollTypes.Single()));
        Assert.Equal(new DateTimeOffset(2022, 2, 4, 0, 0, 0, TimeSpan.Zero), p.WindowEndUtc);
    }

    [Fact]
    public void Read_ScalarCollType_IsAOneElementList()
    {
        Assert.Equal(["2.2i"], Parse("Jira: X-1\ncollTypes: 2.2i\nstart_date: 2022-01-01\nstop_date: 2022-01-02").CollTypes);
    }

    [Theory]
    [InlineData("collTypes: [a]\nstart_date: 2022-01-01\nstop_date: 2022-01-02", "p.yaml: Jira: is required and must be a non-empty string")]
    [InlineData("Jira: X-1\ncollTypes: [a]\nstart_date: 2022-13-01\nstop_date: 2022-01-02", "p.yaml: line 3: start_date: must be a date YYYY-MM-DD (got '2022-13-01')")]
    [InlineData("Jira: X-1\ncollTypes: [a]\nstart_date: 2022-01-05\nstop_date: 2022-01-02", "p.yaml: line 4: stop_date: 2022-01-02 is before start_date 2022-01-05")]
    [InlineData("Jira: X-1\ncollTypes: [a]\nmaxtask: -3\nstart_date: 2022-01-01\nstop_date: 2022-01-02", "p.yaml: line 3: maxtask: must be at least 0 (got -3)")]
    [InlineData("Jira: X-1\ncollTypes: [a]\nmaxtask: ten\nstart_date: 2022-01-01\nstop_date: 2022-01-02", "p.yaml: line 3: maxtask: must be a whole number (got 'ten')")]
    [InlineData("Jira: X-1\ncollTypes: []\nstart_date: 2022-01-01\nstop_date: 2022-01-02", "p.yaml: line 2: collTypes: must not be empty")]
    [InlineData("Jira: [X-1\n", "p.yaml: line 2: not valid YAML")]
    public void Read_BadInput_NamesFileAndField(string yaml, string expected)
    {
        var error = Assert.Throws<UserInputException>(() => Parse(yaml));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Load_UnknownKey_IsWarnedAbout()
    {
        string path = Path.Combine(Path.GetTempPath(), $"p-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "Jira: X-1\ncollTypes: [a]\nstart_date: 2022-01-01\nstop_date: 2022-01-02\nmaxTask: 3\n");
        var warnings = new List<string>();
        try
        {
            PandaStatParams.Load(path, warnings.Add);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Contains("unknown key 'maxTask'", Assert.Single(warnings), StringComparison.Ordinal);
    }
}
