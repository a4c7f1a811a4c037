using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// Picks the campaign's RUN collections as the original did: the name contains the Jira token and one collType
/// token (case-sensitive), and its last path element is an upper-case <c>YYYYMMDDTHHMMSSZ</c> timestamp between
/// <c>start_date</c> and the end of <c>stop_date</c>. Matching names without a timestamp are skipped and reported
/// (the original crashed); CHAINED and TAGGED collections hold no datasets of their own and are ignored.
/// </summary>
public static class RunSelection
{
    public sealed record SelectedRun(ButlerCollection Collection, WorkflowTimestamp Stamp);

    public sealed record Result(IReadOnlyList<SelectedRun> Selected, IReadOnlyList<string> SkippedNoTimestamp);

    public static bool Matches(string name, PandaStatParams p) =>
        name.Contains(p.Jira, StringComparison.Ordinal) && p.CollTypes.Any(t => name.Contains(t, StringComparison.Ordinal));

    public static Result Select(IEnumerable<ButlerCollection> collections, PandaStatParams p)
    {
        var selected = new List<SelectedRun>();
        var skipped = new List<string>();
        foreach (var c in collections.Where(c => c.Type == ButlerCollection.Run && Matches(c.Name, p)))
        {
            string last = c.Name[(c.Name.LastIndexOf('/') + 1)..];
            if (last.Length != 16 || last[8] != 'T' || last[15] != 'Z' || !WorkflowTimestamp.TryParse(last, out var stamp))
            {
                skipped.Add(c.Name);
                continue;
            }
            if (stamp.Utc >= p.WindowStartUtc && stamp.Utc < p.WindowEndUtc)
            {
                selected.Add(new SelectedRun(c, stamp));
            }
        }
        return new Result(
            selected.OrderBy(s => s.Stamp.Utc).ThenBy(s => s.Collection.Name, StringComparer.Ordinal).ToList(),
            skipped.Order(StringComparer.Ordinal).ToList());
    }
}
