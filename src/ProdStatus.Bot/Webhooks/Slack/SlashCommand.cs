using System.Text.RegularExpressions;

namespace ProdStatus.Bot.Webhooks.Slack;

/// <summary>The text after <c>/prodstat</c>: <c>stats PREOPS-905</c>, <c>status DRP-148</c>, <c>refresh DRP-148</c>, <c>summary</c>, <c>help</c>.</summary>
public sealed partial record SlashCommand(string Verb, string? Issue)
{
    public const string Stats = "stats";
    public const string Status = "status";
    public const string Refresh = "refresh";
    public const string Summary = "summary";
    public const string Help = "help";

    public const string HelpText = """
        *prodstat* — production statistics from PanDA, reported here and in Jira
        • `/prodstat stats PREOPS-905` — campaign statistics of a production issue
        • `/prodstat status DRP-148` — status of a DRP workflow issue
        • `/prodstat refresh DRP-148` — refresh the statistics in a DRP issue's description
        • `/prodstat summary` — the table of all workflows
        • `/prodstat help` — this text
        """;

    /// <summary>Parses the command text; null when it is not a valid command (the caller answers with the help text).</summary>
    public static SlashCommand? Parse(string? text)
    {
        string[] words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }
        string verb = words[0].ToLowerInvariant();
        switch (verb)
        {
            case Help or Summary when words.Length == 1:
                return new SlashCommand(verb, null);
            case Stats or Status or Refresh when words.Length == 2 && IsIssueKey(words[1]):
                return new SlashCommand(verb, words[1].ToUpperInvariant());
            default:
                return null;
        }
    }

    /// <summary>The issue-key check of every entry point (slash commands, Jira webhooks).</summary>
    public static bool IsIssueKey(string? text) => text is not null && IssueKey().IsMatch(text);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]+-[0-9]+$")]
    private static partial Regex IssueKey();
}
