using System.Text.RegularExpressions;

namespace ProdStatus.Bot.Webhooks.Slack;

/// <summary>The text after <c>/prodstat</c>: <c>stats PREOPS-905</c> or <c>help</c>.</summary>
public sealed partial record SlashCommand(string Verb, string? Issue)
{
    public const string Stats = "stats";
    public const string Help = "help";

    public const string HelpText = """
        *prodstat* — production statistics from PanDA, reported here and in Jira
        • `/prodstat stats PREOPS-905` — campaign statistics of a production issue
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
            case Help when words.Length == 1:
                return new SlashCommand(verb, null);
            case Stats when words.Length == 2 && IssueKey().IsMatch(words[1]):
                return new SlashCommand(verb, words[1].ToUpperInvariant());
            default:
                return null;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]+-[0-9]+$")]
    private static partial Regex IssueKey();
}
