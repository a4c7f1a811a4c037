using Microsoft.Extensions.Options;
using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Output;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Render.Plots;
using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Jobs;

/// <summary>
/// plot-data: reads <c>panda_time_series_&lt;job&gt;.csv</c> (from the data directory or the given folder), bins the job
/// runs (<see cref="RunningQuanta"/>) and draws <c>timing_&lt;job&gt;.png</c> per job name and <c>timing-&lt;Jira&gt;.png</c>
/// with all of them, next to the CSVs. Needs no PanDA access.
/// </summary>
public sealed class TimingPlotJob(TimingPlotRenderer renderer, Render.Fonts.FontLibrary fonts, IOptions<OutputOptions> output)
{
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
}

/// <summary>What plot-data drew: the binned series of each job name (what the PNGs show) and the files.</summary>
public sealed record TimingPlotResult(IReadOnlyList<TimingCurve> Curves, DateTimeOffset? Reference, string Directory, IReadOnlyList<string> Files);
