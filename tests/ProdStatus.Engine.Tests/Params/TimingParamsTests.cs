using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Params;

namespace ProdStatus.Engine.Tests.Params;

public sealed class TimingParamsTests
{
    // The original's file, unchanged.
    private const string Original = """
        Jira: "PREOPS-905"
        collType: "2.2i"
        job_names: ['pipetaskInit', 'mergeExecutionButler', 'visit_step2']
        bin_width: 3600.
        start_at: 0.
        stop_at: 72.5
        start_date: '2022-02-04'
        stop_date: '2022-02-07'
        """;

    private static TimingParams Read(string yaml) => TimingParams.Read(ParamFile.Parse("timing.yaml", new StringReader(yaml)));

    private static string Error(string yaml) => Assert.Throws<UserInputException>(() => Read(yaml)).Message;

    [Fact]
    public void Read_OriginalFile_KeepsEveryValue_StopAtNotTruncated()
    {
        var p = Read(Original);
        Assert.Equal("PREOPS-905", p.Jira);
        Assert.Equal(["2.2i"], p.CollTypes);
        Assert.Equal(["pipetaskInit", "mergeExecutionButler", "visit_step2"], p.JobNames);
        Assert.Equal((3600.0, 0.0, 72.5), (p.BinWidthSeconds, p.StartAtHours, p.StopAtHours!.Value));
        Assert.Equal(BinMode.Mean, p.Mode);
        Assert.Equal((new DateOnly(2022, 2, 4), new DateOnly(2022, 2, 7)), (p.StartDate, p.StopDate));
        Assert.Equal("timing.yaml", p.Source);
    }

    [Fact]
    public void Read_CollTypeList_AndOptionalWindow()
    {
        var p = Read("Jira: X-1\ncollType: [a, b]\njob_names: [isr]\nstart_date: '2022-01-01'\nstop_date: '2022-01-01'\nbin_mode: overlap\n");
        Assert.Equal(["a", "b"], p.CollTypes);
        Assert.Equal((3600.0, 0.0, (double?)null, BinMode.Overlap), (p.BinWidthSeconds, p.StartAtHours, p.StopAtHours, p.Mode));
    }

    [Theory]
    [InlineData("bin_width: 0", "timing.yaml: line 8: bin_width: must be more than 0 seconds (got 0)")]
    [InlineData("bin_width: hour", "timing.yaml: line 8: bin_width: must be a number (got 'hour')")]
    [InlineData("start_at: -1", "timing.yaml: line 8: start_at: must be 0 or more hours (got -1)")]
    [InlineData("stop_at: 0", "timing.yaml: line 8: stop_at: must be after start_at 0 (got 0)")]
    [InlineData("bin_mode: max", "timing.yaml: line 9: bin_mode: must be 'mean' or 'overlap' (got 'max')")]
    [InlineData("bin_width: 0.001", "timing.yaml: line 8: bin_width: 0.001 s makes more than 100000 bins between start_at and stop_at")]
    [InlineData("collTypes: [x]", "timing.yaml: line 2: collType: give exactly one of collType (the original's key) or collTypes")]
    public void Read_BadField_NamesFileAndField(string line, string message)
    {
        string yaml = string.Join('\n', Original.Split('\n').Where(l => !l.StartsWith(line.Split(':')[0] + ":", StringComparison.Ordinal) || line.StartsWith("collTypes", StringComparison.Ordinal))) + "\n" + line + "\n";
        Assert.Equal(message, Error(yaml));
    }

    [Fact]
    public void Read_MissingJobNames_NamesTheField()
    {
        Assert.Equal("timing.yaml: job_names: is required (a list of strings)",
            Error("Jira: X-1\ncollType: a\nstart_date: '2022-01-01'\nstop_date: '2022-01-02'\n"));
    }

    [Fact]
    public void Read_DuplicateJobName_IsAnError()
    {
        Assert.Equal("timing.yaml: line 3: job_names: lists a name twice",
            Error("Jira: X-1\ncollType: a\njob_names: [isr, isr]\nstart_date: '2022-01-01'\nstop_date: '2022-01-02'\n"));
    }
}
