using System.Text.RegularExpressions;

namespace ProdStatus.Engine.Publish.Jira.Outbox;

/// <summary>
/// The JQL the engine itself writes, answered from the outbox copy when Jira is not configured: clauses
/// <c>issue = "KEY"</c> / <c>key = "KEY"</c> and <c>summary ~ "text"</c> joined by AND (<c>project</c> is not known
/// offline and matches everything).
/// </summary>
internal static partial class OfflineSearch
{
    public static IEnumerable<string> Run(string jql, IEnumerable<OutboxIssue> issues)
    {
        var clauses = Clause().Matches(jql).Select(m => (Field: m.Groups[1].Value.ToLowerInvariant(), Op: m.Groups[2].Value,
            Value: Regex.Unescape(m.Groups[3].Value))).ToList();
        var keys = clauses.Where(c => c.Field is "issue" or "key").Select(c => c.Value).ToList();
        var known = issues.ToList();
        if (keys.Count > 0)
        {
            // An issue named explicitly exists offline (it reads as empty until written).
            return keys.Where(k => known.All(i => !string.Equals(i.Key, k, StringComparison.OrdinalIgnoreCase)) ||
                                   known.Any(i => string.Equals(i.Key, k, StringComparison.OrdinalIgnoreCase) && Matches(i, clauses)));
        }
        return known.Where(i => Matches(i, clauses)).Select(i => i.Key);
    }

    private static bool Matches(OutboxIssue issue, IEnumerable<(string Field, string Op, string Value)> clauses) =>
        clauses.All(c => c.Field != "summary" || issue.Summary.Contains(c.Value, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("""(\w+)\s*(=|~)\s*"((?:[^"\\]|\\.)*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Clause();
}
