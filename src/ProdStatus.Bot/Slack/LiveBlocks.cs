using System.Globalization;
using System.Text.Json.Nodes;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Render.Slack;
using ProdStatus.Engine.Time;

namespace ProdStatus.Bot.Slack;

/// <summary>
/// Block Kit of the live campaign features: the live message (today's summary plus buttons and an "updated · next
/// refresh" line), its thread replies, link previews and the Home tab.
/// </summary>
public static class LiveBlocks
{
    /// <summary>Fixed <c>action_id</c>s of the live message's buttons (other tools and tests rely on them).</summary>
    public const string Refresh = "prodstat_refresh";
    public const string Pdf = "prodstat_pdf";
    public const string Watch = "prodstat_watch";
    public const string Mute = "prodstat_mute";

    /// <summary>Block Kit allows at most 100 blocks in a Home tab view.</summary>
    public const int MaxHomeBlocks = 100;

    public static JsonObject Message(CampaignReport report, LiveCampaignState state, bool muted, Uri? dashboard, DateTimeOffset? nextRefresh)
    {
        var message = JsonNode.Parse(SlackJson.Serialize(SlackMessages.Summary(report)))!.AsObject();
        var blocks = message["blocks"]!.AsArray();
        // The summary's link buttons make way for the live message's own row of buttons.
        for (int i = blocks.Count - 1; i >= 0; i--)
        {
            if ((string?)blocks[i]!["type"] == "actions")
            {
                blocks.RemoveAt(i);
            }
        }
        while (blocks.Count > SlackLimits.MaxBlocks - 2)
        {
            blocks.RemoveAt(blocks.Count - 1);
        }
        string next = nextRefresh is { } n ? $"next refresh {Clock(n, state.UpdatedUtc)}" : "next refresh on request";
        blocks.Add(Context($"updated {UtcTimestamps.Format(state.UpdatedUtc)} UTC · {next}"));
        var buttons = new JsonArray(
            Button(Refresh, "Refresh", report.Jira),
            Button(Pdf, "PDF summary", report.Jira),
            Button(Watch, "Watch", report.Jira),
            Button(Mute, muted ? "Resume thread updates" : "Mute thread updates", report.Jira));
        if (report.Links.Jira is { } jira)
        {
            buttons.Add(LinkButton("open_jira", $"Open {report.Jira} in Jira", jira));
        }
        if (dashboard is not null)
        {
            buttons.Add(LinkButton("open_dashboard", "Dashboard", dashboard));
        }
        if (report.Links.Panda is { } panda)
        {
            buttons.Add(LinkButton("open_panda", "PanDA monitor", panda));
        }
        blocks.Add(new JsonObject { ["type"] = "actions", ["block_id"] = "prodstat_live", ["elements"] = buttons });
        return message;
    }

    /// <summary>One thread reply listing what changed since the message last showed.</summary>
    public static JsonObject ThreadReply(string issue, string threadTs, IReadOnlyList<string> changes)
    {
        string text = Clip($"*{issue}* changed:\n" + string.Join("\n", changes.Select(c => "• " + c)), SlackLimits.MaxSectionText);
        return new JsonObject
        {
            ["thread_ts"] = threadTs,
            ["text"] = text,
            ["blocks"] = new JsonArray(Section(text)),
        };
    }

    /// <summary>The compact link preview of a tracked issue: status, progress, failed jobs, CPU-hours, updated time.</summary>
    public static JsonObject Unfurl(string issue, string url, LiveCampaignState state) => new()
    {
        ["blocks"] = new JsonArray(
            Section(string.Create(CultureInfo.InvariantCulture,
                $"*<{url}|Campaign {issue}>* · {state.StatusLine}\nprogress {state.ProgressPercent:0}% of files · tasks {state.TasksFinished}/{state.Tasks} done · {state.JobsFailed} failed jobs · {state.CpuHours:0.00} CPU-hours")),
            Context($"updated {UtcTimestamps.Format(state.UpdatedUtc)} UTC")),
    };

    /// <summary>The Home tab: live campaigns per channel, then other sections (watches), cut to 100 blocks.</summary>
    public static JsonObject Home(IReadOnlyList<LiveMessage> live, IReadOnlyList<JsonObject> more)
    {
        var blocks = new List<JsonNode>
        {
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Live campaigns" } },
        };
        if (live.Count == 0)
        {
            blocks.Add(Section("No live campaign messages yet. Type `/prodstat stats <ISSUE>` in a channel to start one."));
        }
        foreach (var group in live.GroupBy(m => m.Channel, StringComparer.Ordinal))
        {
            blocks.Add(Context($"<#{group.Key}>"));
            foreach (var m in group)
            {
                string name = m.Permalink is { Length: > 0 } link ? $"<{link}|{m.Issue}>" : m.Issue;
                string line = m.State is { } s
                    ? string.Create(CultureInfo.InvariantCulture, $"*{name}* · {s.StatusLine} · {s.ProgressPercent:0}% of files · {s.JobsFailed} failed jobs · updated {UtcTimestamps.Format(s.UpdatedUtc)} UTC")
                    : $"*{name}*";
                blocks.Add(Section(Clip(line, SlackLimits.MaxSectionText)));
            }
        }
        blocks.AddRange(more);
        if (blocks.Count > MaxHomeBlocks)
        {
            int cut = blocks.Count - (MaxHomeBlocks - 1);
            blocks = blocks.Take(MaxHomeBlocks - 1).ToList();
            blocks.Add(Context(string.Create(CultureInfo.InvariantCulture, $"… {cut} more not shown")));
        }
        return new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray([.. blocks]) };
    }

    public static JsonObject Ephemeral(string text) => new() { ["response_type"] = "ephemeral", ["replace_original"] = false, ["text"] = text };

    private static string Clock(DateTimeOffset at, DateTimeOffset reference) =>
        at.UtcDateTime.Date == reference.UtcDateTime.Date
            ? at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC"
            : at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static JsonObject Button(string actionId, string text, string value) => new()
    {
        ["type"] = "button",
        ["action_id"] = actionId,
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
        ["value"] = value,
    };

    private static JsonObject LinkButton(string actionId, string text, Uri url) => new()
    {
        ["type"] = "button",
        ["action_id"] = actionId,
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
        ["url"] = url.AbsoluteUri,
    };

    private static JsonObject Section(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn } };

    private static JsonObject Context(string mrkdwn) =>
        new() { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn }) };

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
