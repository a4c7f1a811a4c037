using System.Globalization;
using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Domain.Panda;

namespace ProdStatus.Testing.Reports;

/// <summary>
/// Builds a <see cref="PandaStatResult"/> the way get-panda-stat would (tasks → aggregation → tables) from a few
/// workflows and task labels, with deterministic figures. Start from <see cref="Standard"/> or <see cref="Sized"/>.
/// </summary>
public sealed class CampaignBuilder(string jira = CampaignBuilder.DefaultJira)
{
    public const string DefaultJira = "PREOPS-905";
    public static readonly DateTimeOffset Now = new(2022, 2, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset First = new(2022, 1, 27, 20, 56, 46, TimeSpan.Zero);

    private readonly List<(string Status, string[] Labels, int FailedJobs)> _workflows = [];

    /// <summary>Three workflows (finished, subfinished with failures, still running), eight task types.</summary>
    public static CampaignBuilder Standard() => new CampaignBuilder()
        .Workflow("Finished", "isr", "characterizeImage", "calibrate")
        .Workflow("SubFinished", ["makeWarp", "assembleCoadd", "detection"], failedJobs: 3)
        .Workflow("Transforming", "forcedPhotCcd", "transformSourceTable");

    /// <summary><paramref name="steps"/> workflows sharing <paramref name="taskTypes"/> task types between them.</summary>
    public static CampaignBuilder Sized(int steps, int taskTypes, string jira = DefaultJira)
    {
        var builder = new CampaignBuilder(jira);
        string[] statuses = ["Finished", "SubFinished", "Transforming", "Failed"];
        for (int s = 0; s < steps; s++)
        {
            string[] labels = Enumerable.Range(0, taskTypes).Where(t => t % steps == s)
                .Select(t => string.Create(CultureInfo.InvariantCulture, $"step{s + 1}_task_type_with_a_long_name_{t:000}")).ToArray();
            builder.Workflow(statuses[s % statuses.Length], labels, failedJobs: s % 3);
        }
        return builder;
    }

    public CampaignBuilder Workflow(string status, params string[] labels) => Workflow(status, labels, 0);

    public CampaignBuilder Workflow(string status, string[] labels, int failedJobs)
    {
        _workflows.Add((status, labels, failedJobs));
        return this;
    }

    public PandaStatResult Build()
    {
        var workflows = new List<WorkflowState>();
        var tasks = new List<PandaTaskRecord>();
        long taskId = 1000;
        for (int w = 0; w < _workflows.Count; w++)
        {
            var (status, labels, failedJobs) = _workflows[w];
            var created = First.AddHours(w * 7);
            string key = created.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            string name = $"u_prodops_{jira}_step{w + 1}_{key}";
            bool running = status == "Transforming";
            for (int l = 0; l < labels.Length; l++)
            {
                int seed = w * 31 + l * 7 + 1;
                long quanta = 40 + seed * 13 % 400;
                long finished = running && l == labels.Length - 1 ? quanta / 2 : quanta;
                long failed = l == 0 ? failedJobs : 0;
                var start = created.AddMinutes(10 + l * 25);
                var end = running && l == labels.Length - 1 ? (DateTimeOffset?)null : start.AddHours(1 + seed % 5);
                var jobs = new TaskJobStats(finished, finished * (300.0 + seed * 11), finished * (250.0 + seed * 9),
                    (1_500_000 + seed * 97_000) % 8_000_000, failed, failed, start, end ?? Now);
                tasks.Add(new PandaTaskRecord(taskId++, key, labels[l], $"{name}_{labels[l]}", $"{name}_{labels[l]}",
                    end is null ? "running" : "done", quanta, failed, start, end, jobs, false, Now));
            }
            long failedTasks = status is "SubFinished" or "Failed" ? 1 : 0;
            workflows.Add(new WorkflowState(key, 4000 + w, name, status, labels.Length, tasks.Where(t => t.WorkflowKey == key).Sum(t => t.NFiles),
                running ? 100 : 0, tasks.Where(t => t.WorkflowKey == key).Sum(t => t.Jobs.JobsFinished),
                labels.Length - failedTasks - (running ? 1 : 0), status == "Failed" ? failedTasks : 0, status == "SubFinished" ? failedTasks : 0,
                created, Now));
        }
        var types = PandaAggregation.ByTaskType(tasks, Now);
        var campaign = PandaAggregation.Campaign(tasks, Now);
        return new PandaStatResult(jira, workflows, tasks, types, campaign,
            PandaTables.Workflows(jira, workflows), PandaTables.TaskTypes(jira, types, campaign),
            Requests: 0, WorkflowsRefreshed: workflows.Count, TasksFetched: tasks.Count, SkippedNames: []);
    }
}
