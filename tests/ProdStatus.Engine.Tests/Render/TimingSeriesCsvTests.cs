using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Tests.Render;

public sealed class TimingSeriesCsvTests
{
    [Fact]
    public void Write_HasTheOriginalColumnsPlusEndTime_AndReadsBack()
    {
        var rows = new[] { new TimingRow(0, 263, 1643317006, 1643317269), new TimingRow(810.5, 120, 1643317006, null) };
        string text = TimingSeriesCsv.Write(rows);
        Assert.Equal(",delta_time,durationsec,start_time,end_time\n0,0.0,263.0,1643317006.0,1643317269.0\n1,810.5,120.0,1643317006.0,\n", text);

        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "panda_time_series_isr.csv");
        File.WriteAllText(path, text);
        Assert.Equal(rows, TimingSeriesCsv.Read(path));
    }

    [Fact]
    public void Read_OriginalFile_WithoutEndTime_SkipsNeverStartedJobs()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "old.csv");
        File.WriteAllText(path, ",delta_time,durationsec,start_time\n0,-1,0,1643317006.0\n1,810.0,263.0,1643317006.0\n");
        Assert.Equal([new TimingRow(810, 263, 1643317006, null)], TimingSeriesCsv.Read(path));
    }

    [Fact]
    public void Read_BadRow_NamesFileAndLine()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "bad.csv");
        File.WriteAllText(path, TimingSeriesCsv.Header + "\n0,1,-5,3,\n");
        var error = Assert.Throws<UserInputException>(() => TimingSeriesCsv.Read(path));
        Assert.Equal($"{path}: line 2: expected index, delta_time, durationsec (>= 0), start_time[, end_time]", error.Message);
    }
}
