using System.Globalization;
using Microsoft.Extensions.Options;
using ProdStatus.Bot.Webhooks.Slack;
using ProdStatus.Engine.Watch;

namespace ProdStatus.Bot.Watch;

/// <summary><c>/prodstat watch</c>, <c>unwatch</c> and <c>watching</c>: subscriptions of the channel, answered at once.</summary>
public sealed class WatchCommands(WatchTargetRepository targets, IOptions<WatchOptions> options, TimeProvider time)
{
    /// <summary>The <c>prodstat_watch</c> button of a campaign's live message; its value is the issue key.</summary>
    public const string WatchButton = "prodstat_watch";

    public static bool Handles(SlashCommand command) => command.Verb is SlashCommand.WatchVerb or SlashCommand.Unwatch or SlashCommand.Watching;

    /// <summary>The <c>prodstat_watch</c> button: watch the issue in the button's channel with the default thresholds.</summary>
    public Task<string> HandleWatchButtonAsync(string issue, string channel, string user, CancellationToken cancellationToken = default) =>
        RunAsync(new SlashCommand(SlashCommand.WatchVerb, issue.Trim().ToUpperInvariant()), channel, user, cancellationToken);

    public async Task<string> RunAsync(SlashCommand command, string channel, string user, CancellationToken cancellationToken = default)
    {
        switch (command.Verb)
        {
            case SlashCommand.WatchVerb:
                var d = options.Value.Defaults;
                var a = command.Watch ?? new WatchArguments(null, null, null);
                var t = d with { Interval = a.Every ?? d.Interval, FailurePercent = a.FailPercent ?? d.FailurePercent, Stall = a.Stall ?? d.Stall };
                if (t.Interval < TimeSpan.FromMinutes(1))
                {
                    return "The interval must be at least 1m.";
                }
                await targets.WatchAsync(command.Issue!, channel, user, t, time.GetUtcNow(), cancellationToken);
                return $"Watching {command.Issue} here: {Describe(t)}. Alerts come as thread replies; `/prodstat unwatch {command.Issue}` stops.";
            case SlashCommand.Unwatch:
                return await targets.UnwatchAsync(command.Issue!, channel, cancellationToken)
                    ? $"Stopped watching {command.Issue} here."
                    : $"This channel does not watch {command.Issue}.";
            default:
                var list = await targets.ListAsync(channel, cancellationToken);
                return list.Count == 0
                    ? "This channel watches nothing. `/prodstat watch PREOPS-905` starts."
                    : "Watched here:\n" + string.Join('\n', list.Select(w => $"• {w.Issue}: {Describe(w.Thresholds)}"));
        }
    }

    private static string Describe(WatchThresholds t) => string.Create(CultureInfo.InvariantCulture,
        $"every {Span(t.Interval)}, failure rate above {t.FailurePercent:0.##}% (≥ {t.MinJobs} jobs{(t.IncludePreemption ? "" : ", preemption excluded")}), stall after {Span(t.Stall)}");

    private static string Span(TimeSpan s) => s.TotalDays >= 1 && s.TotalDays % 1 == 0 ? $"{s.TotalDays:0}d"
        : s.TotalHours >= 1 && s.TotalHours % 1 == 0 ? $"{s.TotalHours:0}h"
        : s.TotalMinutes >= 1 && s.TotalMinutes % 1 == 0 ? $"{s.TotalMinutes:0}m" : $"{s.TotalSeconds:0}s";
}
