using System.Text;
using System.Text.Json.Nodes;
using ProdStatus.Engine.Jobs;

namespace ProdStatus.Bot.Worker;

/// <summary>The bot's Slack answers (Block Kit with a plain-text fallback).</summary>
internal static class SlackMessages
{
    public static JsonObject Stats(PandaStatJobResult result)
    {
        var stats = result.Stats;
        var c = stats.Campaign;
        string headline = $"{stats.Jira}: {stats.Workflows.Count} workflows, {stats.TaskTypes.Count} task types, {c.Quanta} quanta, " +
                          $"{c.CpuHours:0.0} CPU-hours, max RSS {c.MaxRssGb:0.00} GB, {c.JobsFailed} failed jobs";
        var table = new StringBuilder("```\n");
        foreach (var w in stats.Workflows.OrderBy(w => w.Key, StringComparer.Ordinal).Take(20))
        {
            table.Append(w.Key).Append("  ").Append(w.Status.PadRight(12)).Append(' ')
                 .Append(w.ProcessedFiles).Append('/').Append(w.TotalFiles).Append(" files\n");
        }
        table.Append("```");
        return new JsonObject
        {
            ["response_type"] = "in_channel",
            ["text"] = headline,
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = Plain(Truncate($"Production statistics {stats.Jira}", 150)) },
                new JsonObject { ["type"] = "section", ["text"] = Markdown(Truncate(headline, 3000)) },
                new JsonObject { ["type"] = "section", ["text"] = Markdown(Truncate(table.ToString(), 3000)) }),
        };
    }

    public static JsonObject Error(SlackCommandJob command, string error) => new()
    {
        ["response_type"] = "ephemeral",
        ["text"] = Truncate($"prodstat {command.Verb} {command.Issue} failed: {error}", 3000),
    };

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
