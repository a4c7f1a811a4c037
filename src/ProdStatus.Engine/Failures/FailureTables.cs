using System.Globalization;
using ProdStatus.Engine.Domain.Panda;
using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Failures;

/// <summary>One row of the failure table: a task type, a cause and (when known) the known-errors entry.</summary>
/// <param name="Share">Attempts of this row ÷ all attempts (finished, failed, cancelled) of the task type.</param>
public sealed record TaskTypeFailure(
    string TaskType,
    FailureCause Cause,
    string Code,
    string? KnownName,
    IReadOnlyList<string> Tickets,
    bool Rescue,
    long Attempts,
    long FinalFailures,
    double Share,
    long ExamplePandaId,
    string ExampleMessage)
{
    /// <summary><c>known (DM-37089)</c> or <c>new</c>.</summary>
    public string KnownLabel => KnownError.LabelFor(KnownName, Tickets);

    /// <summary>The cause, with the code when unknown: <c>unknown (pilot 1999)</c>.</summary>
    public string CauseText => Cause == FailureCause.Unknown && Code.Length > 0 ? $"unknown ({Code})" : Cause.Text();
}

/// <summary>Task-type failure rows and the <c>pandaErrors</c> table.</summary>
public static class FailureTables
{
    public const string TableName = "pandaErrors";

    /// <summary>Combines the tasks' failure groups per task type (rows named as in the <c>pandaStat</c> table), most attempts first.</summary>
    public static IReadOnlyList<TaskTypeFailure> ByTaskType(IEnumerable<PandaTaskRecord> tasks, IReadOnlyDictionary<long, IReadOnlyList<FailureGroup>> failures)
    {
        var rows = new List<TaskTypeFailure>();
        foreach (var type in tasks.GroupBy(t => $"{t.WorkflowKey}_{t.Label}", StringComparer.Ordinal))
        {
            var groups = type.OrderBy(t => t.JediTaskId)
                .SelectMany(t => failures.TryGetValue(t.JediTaskId, out var g) ? g : [])
                .GroupBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
            long attempts = type.Sum(t => t.Jobs.JobsFinished) + groups.Sum(g => g.Sum(x => x.Attempts));
            foreach (var g in groups)
            {
                var example = g.MinBy(x => x.ExamplePandaId)!;
                long n = g.Sum(x => x.Attempts);
                rows.Add(new TaskTypeFailure(type.Key, example.Cause, example.Code, example.KnownName, example.Tickets, example.Rescue,
                    n, g.Sum(x => x.FinalFailures), attempts > 0 ? (double)n / attempts : 0, example.ExamplePandaId, example.ExampleMessage));
            }
        }
        return rows.OrderByDescending(r => r.Attempts).ThenBy(r => r.TaskType, StringComparer.Ordinal)
            .ThenBy(r => r.Cause).ThenBy(r => r.KnownName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The <c>pandaErrors-&lt;Jira&gt;</c> table.</summary>
    public static StatTable Table(string jira, IReadOnlyList<TaskTypeFailure> rows)
    {
        TableColumn[] columns =
        [
            new("cause"), new("known error"), new("tickets"), new("failed attempts", true), new("jobs finally failed", true),
            new("share of attempts %", true), new("example pandaid", true), new("example message"),
        ];
        var tableRows = rows.Select(r => new TableRow(r.TaskType,
            [
                r.CauseText, r.KnownName ?? "", string.Join(" ", r.Tickets), I(r.Attempts), I(r.FinalFailures),
                (100 * r.Share).ToString("0.0", CultureInfo.InvariantCulture), I(r.ExamplePandaId), r.ExampleMessage,
            ],
            r.KnownName is null ? RowStyle.Failed : RowStyle.Warning)).ToList();
        return new StatTable(TableName, $"PanDA failures by cause {jira}", "task type", columns, tableRows);
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
