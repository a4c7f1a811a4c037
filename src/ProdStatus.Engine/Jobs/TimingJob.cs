using Microsoft.Extensions.Options;
using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Domain.Timing;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Output;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Render.Plots;
using ProdStatus.Engine.Render.Tables;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Jobs;

/// <summary>
/// prep-timing-data: collect job times, export <c>panda_time_series_&lt;job&gt;.csv</c> into the data directory or the
/// given folder. <see cref="RunAsync"/> also plots them (<see cref="TimingPlotJob"/>).
/// </summary>
public sealed class TimingJob(
    TimingDataService service,
    PandaJobTimesRepository repository,
    TimingPlotJob plotter,
    Render.Fonts.FontLibrary fonts,
    IOptions<OutputOptions> output)
{
    /// <summary>prep-timing-data then plot-data (the demo).</summary>
    public async Task<(TimingPrepResult Prep, TimingPlotResult Plots)> RunAsync(TimingParams parameters, string? outDir,
        IProgress<CollectProgress>? progress, CancellationToken cancellationToken = default)
    {
        fonts.EnsureLoaded(); // a missing font should fail before the requests, not after
        var prep = await PrepAsync(parameters, outDir, progress, cancellationToken);
        var plots = await plotter.PlotAsync(parameters, outDir, cancellationToken);
        return (prep, plots);
    }

    public async Task<TimingPrepResult> PrepAsync(TimingParams parameters, string? outDir, IProgress<CollectProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        var collected = await service.CollectAsync(parameters, progress, cancellationToken);
        var jobs = await repository.GetStartedJobsAsync(parameters.Jira, collected.WorkflowKeys.ToHashSet(StringComparer.Ordinal),
            parameters.JobNames.ToHashSet(StringComparer.Ordinal), cancellationToken);
        // The reference is the first quantum start of everything plotted (not the workflow's creation), shared by
        // all job names so their curves line up in the combined plot.
        DateTimeOffset? reference = jobs.Count == 0 ? null : jobs.Min(j => j.Job.StartUtc!.Value);
        string directory = Path.GetFullPath(outDir ?? output.Value.ResolveDataDir());
        var files = new List<OutputFile>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string name in parameters.JobNames)
        {
            var rows = jobs.Where(j => j.Job.Label == name)
                .OrderBy(j => j.Job.StartUtc).ThenBy(j => j.Job.PandaId)
                .Select(j => ToRow(j, reference!.Value))
                .ToList();
            counts[name] = rows.Count;
            files.Add(new OutputFile(Path.Combine(directory, TimingSeriesCsv.FileName(name)),
                System.Text.Encoding.UTF8.GetBytes(TimingSeriesCsv.Write(rows))));
        }
        await AtomicFile.WriteAllAsync(files, cancellationToken);
        return new TimingPrepResult(collected, reference, counts, directory, files.Select(f => f.Path).ToList());
    }

    private static TimingRow ToRow(StoredJobTime stored, DateTimeOffset reference)
    {
        var job = stored.Job;
        var start = job.StartUtc!.Value;
        // A job still running counts up to the time it was read; a finished one without an end time ran for 0 s.
        var end = job.EndUtc ?? (IsFinalJob(job.Status) ? start : stored.AsOfUtc);
        double duration = Math.Max(0, (end - start).TotalSeconds);
        return new TimingRow((start - reference).TotalSeconds, duration, reference.ToUnixTimeMilliseconds() / 1000.0,
            job.EndUtc is { } e ? e.ToUnixTimeMilliseconds() / 1000.0 : null);
    }

    private static bool IsFinalJob(string status) => status is "finished" or "failed" or "cancelled" or "closed";
}

/// <summary>What prep-timing-data produced.</summary>
/// <param name="Reference">The first quantum start (null when no job of the job names started).</param>
/// <param name="JobsPerName">Rows written per job name.</param>
public sealed record TimingPrepResult(TimingCollectResult Collected, DateTimeOffset? Reference, IReadOnlyDictionary<string, int> JobsPerName,
    string Directory, IReadOnlyList<string> Files);
