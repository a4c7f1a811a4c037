using ProdStatus.Engine.Domain.Panda;
using ProdStatus.Engine.Failures;

namespace ProdStatus.Engine.Tests.Failures;

public sealed class FailureTablesTests
{
    private static PandaTaskRecord Task(long id, string label, long finished) => new(id, "20220121T031850Z", label, label, "t" + id, "done",
        finished, 0, null, null, TaskJobStats.Empty with { JobsFinished = finished }, false, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Tally_GroupsByCauseAndKnownEntry_CountsFinalFailuresAndKeepsTheLowestExample()
    {
        var known = KnownErrors.Parse("k.yaml", "pandaErrorCode:\n  jobdispatcher, 100:\n    lost_heartbeat:\n      diagMessage: lost heartbeat\n      ticket: [DM-36356]\n      rescue: 1\n");
        var tally = new TaskFailureTally(FailureRules.Default, known);
        tally.Add(new FailedJob { PandaId = 20, AttemptNr = 1, MaxAttempt = 3, JobDispatcherErrorCode = 100, JobDispatcherErrorDiag = "lost heartbeat" });
        tally.Add(new FailedJob { PandaId = 10, AttemptNr = 3, MaxAttempt = 3, JobDispatcherErrorCode = 100, JobDispatcherErrorDiag = "lost heartbeat" });
        tally.Add(new FailedJob { PandaId = 30, AttemptNr = 3, MaxAttempt = 3, PilotErrorCode = 1999, PilotErrorDiag = new string('x', 500) });

        var groups = tally.Build();

        var heartbeat = Assert.Single(groups, g => g.Cause == FailureCause.Site);
        Assert.Equal((2L, 1L, 10L, "lost_heartbeat", true), (heartbeat.Attempts, heartbeat.FinalFailures, heartbeat.ExamplePandaId, heartbeat.KnownName, heartbeat.Rescue));
        var unknown = Assert.Single(groups, g => g.Cause == FailureCause.Unknown);
        Assert.Equal("pilot 1999", unknown.Code);
        Assert.Equal(FailureGroup.MessageLength, unknown.ExampleMessage.Length);
    }

    [Fact]
    public void Table_HasTheIssueColumns_SharesOfTheTaskTypesAttempts()
    {
        var groups = new Dictionary<long, IReadOnlyList<FailureGroup>>
        {
            [1] = [new FailureGroup(FailureCause.OutOfMemory, "trans 137", "sigkill", ["DM-36741"], true, 5, 0, 99, "Transform received signal SIGKILL")],
            [2] = [new FailureGroup(FailureCause.OutOfMemory, "trans 137", "sigkill", ["DM-36741"], true, 5, 2, 42, "Transform received signal SIGKILL"),
                   new FailureGroup(FailureCause.Pipeline, "pilot 1305", null, [], false, 10, 10, 7, "KeyError: 'coord_ra'")],
        };

        var rows = FailureTables.ByTaskType([Task(1, "makeWarp", 40), Task(2, "makeWarp", 40)], groups);
        var table = FailureTables.Table("PREOPS-905", rows);

        Assert.Equal("pandaErrors-PREOPS-905", table.FileStem("PREOPS-905"));
        Assert.Equal(["cause", "known error", "tickets", "failed attempts", "jobs finally failed", "share of attempts %", "example pandaid", "example message"],
            table.Columns.Select(c => c.Header));
        Assert.Equal(["20220121T031850Z_makeWarp", "out of memory", "sigkill", "DM-36741", "10", "2", "10.0", "42", "Transform received signal SIGKILL"],
            [table.Rows[0].Name, .. table.Rows[0].Cells]);
        Assert.Equal("known (DM-36741)", rows[0].KnownLabel);
        Assert.Equal(["pipeline error", "", "", "10", "10", "10.0", "7", "KeyError: 'coord_ra'"], table.Rows[1].Cells);
        Assert.Equal("new", rows[1].KnownLabel);
    }
}
