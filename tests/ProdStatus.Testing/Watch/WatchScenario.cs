using ProdStatus.Samples;

namespace ProdStatus.Testing.Watch;

/// <summary>
/// One workflow of the sample ticket, as the monitor answers at one poll: each task type with so many finished jobs
/// and so many jobs that failed all their attempts. A sequence of these is a campaign moving on.
/// </summary>
public static class WatchScenario
{
    public const string Name = "2.2i_runs_DP0.2_v23_0_0_rc5_PREOPS-905_20220121T031850Z";
    public static readonly DateTimeOffset Created = new(2022, 1, 21, 3, 22, 41, TimeSpan.Zero);

    /// <param name="tasks">Label, JEDI status, finished jobs, finally failed jobs (three attempts each), and why they failed.</param>
    public static PandaScenario Campaign(DateTimeOffset now, string workflowStatus, params (string Label, string Status, int Finished, int Failed, JobFailure Why)[] tasks)
    {
        var list = new List<ScenarioTask>();
        for (int i = 0; i < tasks.Length; i++)
        {
            var (label, status, finished, failed, why) = tasks[i];
            long taskId = 8810 + i;
            var start = Created.AddMinutes(5 + i);
            long firstPandaId = 90_000_000 + (taskId * 10_000);
            IEnumerable<ScenarioJob> Jobs()
            {
                long id = firstPandaId;
                for (long q = 0; q < finished; q++)
                {
                    var s = start.AddMinutes(q);
                    yield return new ScenarioJob(id++, q, "finished", 1, s, s.AddMinutes(10), 500, 2_000_000);
                }
                for (long q = finished; q < finished + failed; q++)
                {
                    for (int attempt = 1; attempt <= PandaJsonShapes.MaxAttempt; attempt++)
                    {
                        var s = start.AddMinutes(q + attempt);
                        yield return new ScenarioJob(id++, q, "failed", attempt, s, s.AddMinutes(2), 50, 2_000_000, why);
                    }
                }
            }
            list.Add(new ScenarioTask
            {
                JediTaskId = taskId, RequestId = 701, TaskName = $"{Name}_{i + 1:00}_{label}_01_701_{6800 + i}", Status = status,
                CreatedAt = start.AddMinutes(-1), Start = start, End = status is "running" ? null : start.AddHours(2),
                NFiles = 1000, NFilesFinished = finished, NFilesFailed = failed, JobCount = finished + (3L * failed), Jobs = Jobs,
            });
        }
        var workflow = new ScenarioWorkflow { RequestId = 701, Name = Name, Status = workflowStatus, CreatedAt = Created, Tasks = list };
        return new PandaScenario { Workflows = [workflow], Now = now };
    }
}
