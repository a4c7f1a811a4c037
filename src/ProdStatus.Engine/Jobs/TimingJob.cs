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
/// prep-timing-data (collect job times, export <c>panda_time_series_&lt;job&gt;.csv</c>) and plot-data (bin them,
/// draw <c>timing_&lt;job&gt;.png</c> and the combined <c>timing-&lt;Jira&gt;.png</c>). Both read and write in the data
/// directory or the given folder.
/// </summary>
public sealed class TimingJob(
    TimingDataService service,
    PandaJobTimesRepository repository,
    TimingPlotRenderer renderer,
    Render.Fonts.FontLibrary fonts,
    IOptions<OutputOptions> output)
{
    /// <summary>prep-timing-data then plot-data (the demo).</summary>
    public async Task<(TimingPrepResult Prep, TimingPlotResult Plots)> RunAsync(TimingParams parameters, string? outDir,
        IProgress<CollectProgress>? progress, CancellationToken cancellationToken = default)
    {
        fonts.EnsureLoaded(); // a missing font should fail before the requests, not after
        var prep = await PrepAsync(parameters, outDir, progress, cancellationToken);
        var plots = await PlotAsync(parameters, outDir, cancellationToken);
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

    public async Task<TimingPlotResult> PlotAsync(TimingParams parameters, string? dir, CancellationToken cancellationToken = default)
    {
        fonts.EnsureLoaded();
        string directory = Path.GetFullPath(dir ?? output.Value.ResolveDataDir());
        var tables = parameters.JobNames
            .Select(name => (Name: name, Rows: TimingSeriesCsv.Read(Path.Combine(directory, TimingSeriesCsv.FileName(name)))))
            .ToList();
        var references = tables.SelectMany(t => t.Rows.Take(1)).Select(r => r.ReferenceEpoch).ToList();
        double? referenceEpoch = references.Count == 0 ? null : references.Min();
        DateTimeOffset? reference = referenceEpoch is { } epoch ? DateTimeOffset.UnixEpoch.AddSeconds(epoch) : null;
        // Rows of a file made against another reference are shifted onto the common one.
        var intervals = tables.Select(t => t.Rows
            .Select(r => new JobInterval(r.DeltaSeconds + r.ReferenceEpoch - referenceEpoch!.Value, r.DeltaSeconds + r.ReferenceEpoch - referenceEpoch.Value + r.DurationSeconds))
            .ToList()).ToList();

        var window = parameters.Window;
        double lastEnd = intervals.SelectMany(i => i).Select(i => i.EndSeconds).DefaultIfEmpty(0).Max();
        if (RunningQuanta.Layout(window, lastEnd).Bins > TimingWindow.MaxBins)
        {
            throw UserInputException.ForField(parameters.Source, "bin_width",
                $"{parameters.BinWidthSeconds} s makes more than {TimingWindow.MaxBins} bins up to the last job's end; set stop_at or a wider bin");
        }
        var curves = new List<TimingCurve>();
        var files = new List<OutputFile>();
        for (int i = 0; i < tables.Count; i++)
        {
            // Every job name shares the window (up to the last end of any of them), so plots compare directly.
            var series = RunningQuanta.Bin(intervals[i], window with { StopAtHours = window.StopAtHours ?? lastEnd / 3600 }, parameters.Mode);
            var curve = new TimingCurve(tables[i].Name, series);
            curves.Add(curve);
            byte[] png = renderer.Render($"{tables[i].Name} — {parameters.Jira}", [curve], reference, parameters.BinWidthSeconds, parameters.Mode);
            files.Add(new OutputFile(Path.Combine(directory, $"timing_{tables[i].Name}.png"), png));
        }
        files.Add(new OutputFile(Path.Combine(directory, $"timing-{parameters.Jira}.png"),
            renderer.Render($"Running quanta — {parameters.Jira}", curves, reference, parameters.BinWidthSeconds, parameters.Mode)));
        await AtomicFile.WriteAllAsync(files, cancellationToken);
        return new TimingPlotResult(curves, reference, directory, files.Select(f => f.Path).ToList());
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

/// <summary>What plot-data drew: the binned series of each job name (what the PNGs show) and the files.</summary>
public sealed record TimingPlotResult(IReadOnlyList<TimingCurve> Curves, DateTimeOffset? Reference, string Directory, IReadOnlyList<string> Files);
