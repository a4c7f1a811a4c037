using System.Text.RegularExpressions;
using ProdStatus.Engine.Domain;

namespace ProdStatus.Bot.Webhooks.Slack;

/// <summary>The text after <c>/prodstat</c>: <c>stats PREOPS-905</c>, <c>status DRP-148</c>, <c>refresh DRP-148</c>, <c>summary</c>, <c>help</c>.</summary>
/// <param name="Watch">For <c>watch</c>: the thresholds the command named (the rest come from <c>ProdStatus:Watch</c>).</param>
public sealed partial record SlashCommand(string Verb, string? Issue, WatchArguments? Watch = null)
{
    public const string WatchVerb = "watch";
    public const string Unwatch = "unwatch";
    public const string Watching = "watching";
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
        • `/prodstat watch PREOPS-905 [every 15m] [fail>5%] [stall 3h]` — alert this channel when the campaign changes
        • `/prodstat unwatch PREOPS-905` — stop watching; `/prodstat watching` — what this channel watches
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
            case Help or Summary or Watching when words.Length == 1:
                return new SlashCommand(verb, null);
            case Unwatch when words.Length == 2 && IssueKey.TryParse(words[1], out var key):
                return new SlashCommand(verb, key.Value);
            case WatchVerb when words.Length >= 2 && IssueKey.TryParse(words[1], out var key) && WatchArguments.Parse(words.AsSpan(2)) is { } arguments:
                return new SlashCommand(verb, key.Value, arguments);
            case Stats or Status or Refresh when words.Length == 2 && IssueKey.TryParse(words[1], out var key):
                return new SlashCommand(verb, key.Value);
            default:
                return null;
        }
    }
}

/// <summary>The optional parts of <c>/prodstat watch</c>: <c>every 15m</c>, <c>fail&gt;5%</c>, <c>stall 3h</c>, in any order.</summary>
public sealed partial record WatchArguments(TimeSpan? Every, double? FailPercent, TimeSpan? Stall)
{
    /// <summary>Null when a word is not one of the three forms (the caller answers with the help text).</summary>
    public static WatchArguments? Parse(ReadOnlySpan<string> words)
    {
        TimeSpan? every = null, stall = null;
        double? fail = null;
        for (int i = 0; i < words.Length; i++)
        {
            string word = words[i].ToLowerInvariant();
            if (word is "every" or "stall" && i + 1 < words.Length && Duration(words[i + 1]) is { } span)
            {
                if (word == "every") every = span; else stall = span;
                i++;
            }
            else if (FailPattern().Match(word) is { Success: true } m &&
                double.TryParse(m.Groups[1].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double pct) &&
                pct is >= 0 and <= 100)
            {
                fail = pct;
            }
            else
            {
                return null;
            }
        }
        return new WatchArguments(every, fail, stall);
    }

    /// <summary><c>90s</c>, <c>15m</c>, <c>3h</c>, <c>1d</c>.</summary>
    public static TimeSpan? Duration(string text)
    {
        var m = DurationPattern().Match(text.ToLowerInvariant());
        if (!m.Success || !int.TryParse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out int n) || n <= 0)
        {
            return null;
        }
        return m.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromDays(n),
        };
    }

    [GeneratedRegex(@"^fail>([0-9]+(?:\.[0-9]+)?)%$")]
    private static partial Regex FailPattern();

    [GeneratedRegex("^([0-9]{1,6})([smhd])$")]
    private static partial Regex DurationPattern();
}
