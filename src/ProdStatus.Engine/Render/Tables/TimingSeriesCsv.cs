using System.Globalization;
using System.Text;
using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Render.Tables;

/// <summary>One row of <c>panda_time_series_&lt;job&gt;.csv</c>: one PanDA job (one attempt of one quantum) that started.</summary>
/// <param name="DeltaSeconds"><c>delta_time</c>: the job's start minus the reference time, in seconds.</param>
/// <param name="DurationSeconds"><c>durationsec</c>: end minus start in seconds; for a job still running, the time it had
/// run when the data was read.</param>
/// <param name="ReferenceEpoch"><c>start_time</c>: the reference time — the first quantum start of all requested job
/// names — in Unix seconds, UTC. The same in every row (the original's meaning of the column).</param>
/// <param name="EndEpoch"><c>end_time</c>: the job's end in Unix seconds, UTC; empty while it runs.</param>
public readonly record struct TimingRow(double DeltaSeconds, double DurationSeconds, double ReferenceEpoch, double? EndEpoch)
{
    public JobInterval Interval => new(DeltaSeconds, DeltaSeconds + DurationSeconds);
}

/// <summary>
/// Writes and reads <c>panda_time_series_&lt;job&gt;.csv</c>: the original's columns <c>,delta_time,durationsec,start_time</c>
/// (a 0-based row index, rows in start order) plus <c>end_time</c>. Files of the original (without <c>end_time</c>) are read too.
/// </summary>
public static class TimingSeriesCsv
{
    public const string Header = ",delta_time,durationsec,start_time,end_time";
    private const string OriginalHeader = ",delta_time,durationsec,start_time";

    public static string FileName(string jobName) => $"panda_time_series_{jobName}.csv";

    public static string Write(IEnumerable<TimingRow> rows)
    {
        var text = new StringBuilder(Header).Append('\n');
        int index = 0;
        foreach (var row in rows)
        {
            text.Append(index++.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Number(row.DeltaSeconds)).Append(',')
                .Append(Number(row.DurationSeconds)).Append(',')
                .Append(Number(row.ReferenceEpoch)).Append(',')
                .Append(row.EndEpoch is { } end ? Number(end) : "").Append('\n');
        }
        return text.ToString();
    }

    public static IReadOnlyList<TimingRow> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: not found (run prep-timing-data with the same parameter file and --out first)");
        }
        var lines = File.ReadAllLines(path);
        string header = lines.Length > 0 ? lines[0].Trim() : "";
        if (header != Header && header != OriginalHeader)
        {
            throw new UserInputException($"{path}: line 1: expected the header '{Header}'");
        }
        var rows = new List<TimingRow>(lines.Length);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }
            string[] cells = lines[i].Split(',');
            if (cells.Length < 4 || !TryNumber(cells[1], out double delta) || !TryNumber(cells[2], out double duration) ||
                !TryNumber(cells[3], out double reference) || duration < 0)
            {
                throw new UserInputException($"{path}: line {i + 1}: expected index, delta_time, durationsec (>= 0), start_time[, end_time]");
            }
            double? end = cells.Length > 4 && cells[4].Trim().Length > 0 && TryNumber(cells[4], out double e) ? e : null;
            // The original wrote delta_time -1 for jobs that never started: they never ran, so they are not a run.
            if (delta == -1 && duration == 0)
            {
                continue;
            }
            rows.Add(new TimingRow(delta, duration, reference, end));
        }
        return rows;
    }

    private static string Number(double value) => value.ToString("0.0#####", CultureInfo.InvariantCulture);

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
