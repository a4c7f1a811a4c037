using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Collect.Panda.Wire;
using ProdStatus.Engine.Params;

namespace ProdStatus.Engine.Tests.Collect;

public sealed class WorkflowSelectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    private static PandaStatParams Params(string stop = "2022-01-21") =>
        new("PREOPS-905", ["2.2i"], 0, new DateOnly(2022, 1, 15), DateOnly.Parse(stop, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Select_StopDateIncludesTheWholeDay_AndMatchingIgnoresCase()
    {
        var entries = new[]
        {
            new WorkflowProgressDto { Name = "2.2i_runs_preops-905_20220121t235959z", RequestId = 1, Status = "finished" },
            new WorkflowProgressDto { Name = "2.2I_RUNS_PREOPS-905_20220122T000000Z", RequestId = 2, Status = "Finished" },
        };

        var result = WorkflowSelection.Select(entries, Params(), Now);

        var selected = Assert.Single(result.Selected);
        Assert.Equal("20220121T235959Z", selected.Key);
        Assert.Equal("Finished", selected.Status);
    }

    [Fact]
    public void Select_NameWithoutTimestamp_IsSkippedAndReported()
    {
        var entries = new[] { new WorkflowProgressDto { Name = "2.2i_PREOPS-905_step1_w_2022_05", RequestId = 3 } };
        var result = WorkflowSelection.Select(entries, Params(), Now);
        Assert.Empty(result.Selected);
        Assert.Equal(["2.2i_PREOPS-905_step1_w_2022_05"], result.SkippedNoTimestamp);
    }

    [Fact]
    public void Select_Resubmission_NewestRequestWins()
    {
        var entries = new[]
        {
            new WorkflowProgressDto { Name = "2.2i_PREOPS-905_20220120T000000Z", RequestId = 9, Status = "Failed" },
            new WorkflowProgressDto { Name = "2.2i_PREOPS-905_20220120T000000Z", RequestId = 12, Status = "Transforming" },
        };
        Assert.Equal("Transforming", Assert.Single(WorkflowSelection.Select(entries, Params(), Now).Selected).Status);
    }

    [Fact]
    public void ToState_CurrentShape_DerivesCountsFromPercentages()
    {
        var entry = new WorkflowProgressDto
        {
            Name = "x", RequestId = 701, Status = "SubFinished", TotalFiles = 1205, TotalJediFiles = 1205,
            FinishedFilesPercent = 96.93, FailedFilesPercent = 3.07,
            TaskStatuses = new() { ["Finished"] = 5, ["SubFinished"] = 1, ["Failed"] = 1 },
        };
        var state = WorkflowSelection.ToState(entry, "K", Now);
        Assert.Equal((1168L, 37L, 5L, 1L, 1L), (state.ProcessedFiles, state.RemainingFiles, state.TasksFinished, state.TasksFailed, state.TasksSubfinished));
    }

    [Fact]
    public void ToState_2022Shape_UsesAbsoluteCounts()
    {
        var entry = new WorkflowProgressDto { Name = "x", Status = "subfinished", TotalFiles = 1205, ProcessedFiles = 1168, RemainingFiles = 37 };
        var state = WorkflowSelection.ToState(entry, "K", Now);
        Assert.Equal(("SubFinished", 1168L, 37L), (state.Status, state.ProcessedFiles, state.RemainingFiles));
    }
}
