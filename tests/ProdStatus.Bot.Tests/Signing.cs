using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ProdStatus.Bot.Webhooks.Jira;
using ProdStatus.Engine.Publish.Slack;

namespace ProdStatus.Bot.Tests;

/// <summary>Builds requests signed the way Slack and Jira sign them.</summary>
internal static class Signing
{
    public static HttpRequestMessage SlackCommand(string body, DateTimeOffset now, string secret = BotApplication.SlackSecret)
    {
        string ts = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(secret, ts, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    /// <summary>A request to any Slack endpoint, signed over exactly <paramref name="body"/>.</summary>
    public static HttpRequestMessage SlackSigned(string path, string body, string contentType, DateTimeOffset now, string secret = BotApplication.SlackSecret)
    {
        string ts = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(secret, ts, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    /// <summary>A <c>block_actions</c> press of one button of the live message, as Slack posts it to the interactivity URL.</summary>
    public static HttpRequestMessage SlackButton(string actionId, string issue, string channel, string triggerId, DateTimeOffset now,
        string responseUrl = "https://hooks.slack.test/actions/T1/2/abc", string secret = BotApplication.SlackSecret)
    {
        string payload = $$"""
            {"type":"block_actions","team":{"id":"T1","domain":"rubin"},"user":{"id":"U1","username":"op","team_id":"T1"},
             "api_app_id":"A1","trigger_id":"{{triggerId}}","response_url":"{{responseUrl}}",
             "container":{"type":"message","message_ts":"1700000000.000001","channel_id":"{{channel}}","is_ephemeral":false},
             "channel":{"id":"{{channel}}","name":"prod"},"message":{"type":"message","ts":"1700000000.000001"},
             "actions":[{"action_id":"{{actionId}}","block_id":"prodstat_live","text":{"type":"plain_text","text":"x"},"value":"{{issue}}","type":"button","action_ts":"{{triggerId}}.9"}]}
            """;
        return SlackSigned("/slack/interactions", "payload=" + Uri.EscapeDataString(payload), "application/x-www-form-urlencoded", now, secret);
    }

    /// <summary>An Events API delivery (JSON), optionally marked as Slack's retry number <paramref name="retry"/>.</summary>
    public static HttpRequestMessage SlackEvent(string json, DateTimeOffset now, int retry = 0, string secret = BotApplication.SlackSecret)
    {
        var request = SlackSigned("/slack/events", json, "application/json", now, secret);
        if (retry > 0)
        {
            request.Headers.Add("X-Slack-Retry-Num", retry.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }
        return request;
    }

    public static string SlackBody(string text, string responseUrl = "https://hooks.slack.test/commands/T1/2/abc") =>
        $"token=x&team_id=T1&team_domain=rubin&channel_id=C1&channel_name=prod&user_id=U1&user_name=op&command=%2Fprodstat" +
        $"&text={Uri.EscapeDataString(text)}&response_url={Uri.EscapeDataString(responseUrl)}&trigger_id=1.2.3";

    public static HttpRequestMessage JiraWebhook(string body, string? delivery, string secret = BotApplication.JiraSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/jira/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature", JiraSignature.Compute(secret, Encoding.UTF8.GetBytes(body)));
        if (delivery is not null)
        {
            request.Headers.Add("X-Atlassian-Webhook-Identifier", delivery);
        }
        return request;
    }

    /// <summary>A status transition event; <paramref name="at"/> is its <c>timestamp</c> (default now), <paramref name="salt"/> makes the body distinct.</summary>
    public static string Transition(string key, string to = "In Progress", string field = "status", DateTimeOffset? at = null, string salt = "") => """
        {"timestamp": TIMESTAMP, "webhookEvent": "jira:issue_updated", "issue_event_type_name": "issue_generic",
         "user": {"accountId": "abc"},
         "issue": {"id": "25201", "key": "KEY", "fields": {"issuetype": {"name": "Task"}, "project": {"key": "PROJECT"}, "summary": "s"}},
         "changelog": {"id": "1", "items": [{"field": "FIELD", "fieldtype": "jira", "fieldId": "FIELD", "from": "1", "fromString": "To Do", "to": "3", "toString": "TARGET"}]},
         "matchedWebhookIds": [1], "salt": "SALT"}
        """.Replace("TIMESTAMP", (at ?? TimeProvider.System.GetUtcNow()).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
           .Replace("SALT", salt, StringComparison.Ordinal).Replace("PROJECT", key.Split('-')[0], StringComparison.Ordinal).Replace("KEY", key, StringComparison.Ordinal)
           .Replace("FIELD", field, StringComparison.Ordinal).Replace("TARGET", to, StringComparison.Ordinal);
}
