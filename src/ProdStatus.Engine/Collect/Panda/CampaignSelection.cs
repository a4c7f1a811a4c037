using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Collect.Panda.Wire;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Domain.Panda;
using ProdStatus.Engine.Params;

namespace ProdStatus.Engine.Collect.Panda;

/// <summary>
/// The campaign-selection step shared by every PanDA collection (get-panda-stat, prep-timing-data, and the bot's
/// <c>stats</c>, which runs get-panda-stat): which workflows belong to the campaign, which tasks belong to a workflow,
/// how far back to ask, and how many jobs to ask for. Answers whose body broke off are asked for again.
/// </summary>
public sealed partial class CampaignSelection(PandaMonitorClient client, IOptions<PandaOptions> options, TimeProvider time,
    [FromKeyedServices(PandaMonitorClient.Service)] AdaptiveConcurrency limiter, ILogger<CampaignSelection> logger)
{
    /// <summary>The campaign's workflows from <c>wfprogress</c>, asked for far enough back to cover the window.</summary>
    internal async Task<WorkflowSelection.Result> SelectAsync(PandaStatParams p, DateTimeOffset now, IProgress<CollectProgress>? progress,
        CancellationToken cancellationToken)
    {
        progress?.Report(new CollectProgress("workflows", 0, 1));
        int days = Math.Max(1, (int)Math.Ceiling((now - p.WindowStartUtc).TotalDays) + 1);
        var entries = await ReadAsync(() => BodyRetry.ToListAsync(client.GetWorkflowProgressAsync(days, cancellationToken)), cancellationToken);
        var selection = WorkflowSelection.Select(entries, p, now);
        foreach (string name in selection.SkippedNoTimestamp)
        {
            Log.SkippedNoTimestamp(logger, name);
        }
        if (selection.Selected.Count == 0)
        {
            Log.NothingSelected(logger, p.Jira, string.Join(", ", p.CollTypes), p.StartDate, p.StopDate);
        }
        progress?.Report(new CollectProgress("workflows", 1, 1));
        return selection;
    }

    /// <summary>The tasks of <paramref name="workflow"/>, asked for back to two days before its creation.</summary>
    internal async Task<IReadOnlyList<TaskDto>> TasksOfAsync(WorkflowState workflow, PandaStatParams p, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        int taskDays = Math.Max(1, (int)Math.Ceiling((now - (workflow.CreatedUtc ?? p.WindowStartUtc)).TotalDays) + 2);
        var found = await ReadAsync(() => BodyRetry.ToListAsync(client.GetTasksAsync(workflow.Name, taskDays, cancellationToken)), cancellationToken);
        return found.Where(t => WorkflowSelection.BelongsTo(t, workflow)).ToList();
    }

    /// <summary>
    /// The explicit job limit for a task of <paramref name="files"/> files: every attempt of every quantum (ten attempts
    /// per quantum is far beyond any retry policy in use). Without one the monitor silently stops at 200,000 jobs.
    /// </summary>
    internal static int JobLimit(long files) => (int)Math.Clamp((files * 10) + 1000, 1000, int.MaxValue);

    /// <summary>
    /// Runs a monitor read whose body may break off; it is asked for again, twice at most. The read holds one place of
    /// the monitor's <see cref="AdaptiveConcurrency"/> limit while it runs.
    /// </summary>
    internal async Task<T> ReadAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        using var slot = await limiter.EnterAsync(cancellationToken);
        return await BodyRetry.RunAsync(action, options.Value.RetryDelayMilliseconds, time, logger, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "skipping PanDA request '{Name}': its name does not end in a YYYYMMDDTHHMMSSZ timestamp")]
        public static partial void SkippedNoTimestamp(ILogger logger, string name);

        [LoggerMessage(2, LogLevel.Warning, "no PanDA workflow matches Jira '{Jira}' and collTypes [{CollTypes}] between {Start} and {Stop}")]
        public static partial void NothingSelected(ILogger logger, string jira, string collTypes, DateOnly start, DateOnly stop);
    }
}
