using Microsoft.Extensions.Options;
using ProdStatus.Engine.Http;

namespace ProdStatus.Engine.Publish.Slack;

/// <summary>
/// Slack Web API access for posting to a channel, and the settings of every call to Slack (Web API and response_url).
/// Section <c>ProdStatus:Slack</c>. Resilience defaults: attempt 30 s, total 600 s, 4 retries (only after a 429 or a
/// connection never made: a message is never posted twice), back-off from 1000 ms, Retry-After up to 300 s.
/// </summary>
public sealed class SlackWebOptions : HttpServiceOptions
{
    public const string Section = "ProdStatus:Slack";

    public SlackWebOptions()
    {
        TimeoutSeconds = 30;
        TotalTimeoutSeconds = 600;
        MaxRetries = 4;
        RetryDelayMilliseconds = 1000;
        MaxRetryAfterSeconds = 300;
    }

    /// <summary>Secret: the bot token (<c>xoxb-…</c>), scopes <c>chat:write</c> and <c>files:write</c>. Without it nothing is posted to channels.</summary>
    public string? BotToken { get; set; }

    /// <summary>
    /// With a bot token, each campaign has one live message per channel that refreshes edit in place (default). False:
    /// every refresh posts a new summary to <c>Channel</c>, as before live messages. <value>Default: true.</value>
    /// </summary>
    public bool LiveMessages { get; set; } = true;

    /// <summary>Channel id (<c>C…</c>, not a name) for results and PDF summaries.</summary>
    public string? Channel { get; set; }

    /// <summary>Web API base URL, from appsettings.json (<c>https://slack.com/api/</c>).</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Least time between two <c>chat.postMessage</c> to one channel (Slack: about 1 per second). <value>Default: 1100 ms.</value></summary>
    public int PostIntervalMilliseconds { get; set; } = 1100;

    /// <summary>Least time between two <c>chat.update</c> of one message; updates waiting meanwhile collapse to the latest. <value>Default: 1200 ms (Tier 3).</value></summary>
    public int UpdateIntervalMilliseconds { get; set; } = 1200;
}

internal sealed class SlackWebOptionsValidator : IValidateOptions<SlackWebOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackWebOptions options)
    {
        var errors = new List<string>();
        Configuration.OptionChecks.Range(errors, $"{SlackWebOptions.Section}:PostIntervalMilliseconds", options.PostIntervalMilliseconds, 0, 60_000);
        Configuration.OptionChecks.Range(errors, $"{SlackWebOptions.Section}:UpdateIntervalMilliseconds", options.UpdateIntervalMilliseconds, 0, 60_000);
        options.CheckResilience(errors, SlackWebOptions.Section);
        if (string.IsNullOrEmpty(options.BotToken))
        {
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out _))
        {
            errors.Add($"{SlackWebOptions.Section}:ApiBaseUrl must be an absolute URL when {SlackWebOptions.Section}:BotToken is set");
        }
        if (options.Channel is not { Length: > 1 } channel || channel.StartsWith('#'))
        {
            errors.Add($"{SlackWebOptions.Section}:Channel must be a channel id (C…) when {SlackWebOptions.Section}:BotToken is set");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
