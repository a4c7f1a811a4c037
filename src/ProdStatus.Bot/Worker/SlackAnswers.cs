using System.Text.Json.Nodes;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Render.Slack;

namespace ProdStatus.Bot.Worker;

/// <summary>The bot's Slack answers: the engine's Block Kit summary, plus how it should appear.</summary>
internal static class SlackAnswers
{
    public static JsonObject Summary(CampaignReport report, bool inChannel)
    {
        var message = JsonNode.Parse(SlackJson.Serialize(Engine.Render.Slack.SlackMessages.Summary(report)))!.AsObject();
        if (inChannel)
        {
            message["response_type"] = "in_channel";
        }
        return message;
    }

    public static JsonObject Text(string mrkdwn, bool inChannel)
    {
        string text = Truncate(mrkdwn, 3000);
        var message = new JsonObject
        {
            ["text"] = text,
            ["blocks"] = new JsonArray(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } }),
        };
        if (inChannel)
        {
            message["response_type"] = "in_channel";
        }
        return message;
    }

    public static JsonObject Error(SlackCommandJob command, string error) => new()
    {
        ["response_type"] = "ephemeral",
        ["text"] = Truncate($"prodstat {command.Verb} {command.Issue} failed: {error}", 3000),
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
