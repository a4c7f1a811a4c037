using Microsoft.Extensions.Options;

namespace ProdStatus.Engine.Watch;

/// <summary>Campaign watches: defaults of <c>/prodstat watch</c>, the scheduler and the shift digest. Section <c>ProdStatus:Watch</c>.</summary>
public sealed class WatchOptions
{
    public const string Section = "ProdStatus:Watch";

    /// <summary>How often a watched campaign is polled. <value>Default: 15 minutes (1 minute – 1 day).</value></summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failure-rate alert threshold, percent of a task type's final failures. <value>Default: 5 (0–100).</value></summary>
    public double FailurePercent { get; set; } = 5;

    /// <summary>No job finished for this long while work remains: a stall. <value>Default: 3 hours (10 minutes – 7 days).</value></summary>
    public TimeSpan Stall { get; set; } = TimeSpan.FromHours(3);

    /// <summary>A task type's rate is judged only from this many finished + finally failed jobs. <value>Default: 20.</value></summary>
    public int MinJobs { get; set; } = 20;

    /// <summary>Count preempted/killed attempts in the failure rate. <value>Default: false.</value></summary>
    public bool IncludePreemption { get; set; }

    /// <summary>Each poll is moved by up to this fraction of the interval, so watches spread out. <value>Default: 0.1 (0–0.5).</value></summary>
    public double Jitter { get; set; } = 0.1;

    /// <summary>How long a replica holds a watch's lease while polling. <value>Default: 5 minutes.</value></summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Shift digest schedule: a cron expression (5 fields), e.g. <c>0 8,20 * * *</c>. Empty: no digest.</summary>
    public string? Digest { get; set; }

    /// <summary>IANA time zone of <see cref="Digest"/>, e.g. <c>America/Santiago</c>. <value>Default: UTC.</value></summary>
    public string DigestTimeZone { get; set; } = "UTC";

    /// <summary>collTypes of a watched campaign's workflows. <value>Default: empty, meaning the issue key itself.</value></summary>
    public List<string> CollTypes { get; set; } = [];

    /// <summary>Workflows created this many days back are watched. <value>Default: 180.</value></summary>
    public int LookbackDays { get; set; } = 180;

    /// <summary>How often the scheduler looks for due watches. <value>Default: 30 s.</value></summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The get-panda-stat parameters of a watched issue.</summary>
    public Params.PandaStatParams CampaignOf(string issue, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return new Params.PandaStatParams(issue, CollTypes.Count > 0 ? CollTypes : [issue], 0, today.AddDays(-LookbackDays), today);
    }

    /// <summary>The thresholds a watch gets when its command names none.</summary>
    public WatchThresholds Defaults => new(Interval, FailurePercent, Stall, MinJobs, IncludePreemption);
}

/// <summary>What one watch alerts on.</summary>
public sealed record WatchThresholds(TimeSpan Interval, double FailurePercent, TimeSpan Stall, int MinJobs, bool IncludePreemption);

internal sealed class WatchOptionsValidator : IValidateOptions<WatchOptions>
{
    public ValidateOptionsResult Validate(string? name, WatchOptions o)
    {
        const string s = WatchOptions.Section;
        var errors = new List<string>();
        if (o.Interval < TimeSpan.FromMinutes(1) || o.Interval > TimeSpan.FromDays(1))
        {
            errors.Add($"{s}:Interval must be between 00:01:00 and 1.00:00:00 (got {o.Interval})");
        }
        if (o.FailurePercent is < 0 or > 100)
        {
            errors.Add($"{s}:FailurePercent must be between 0 and 100 (got {o.FailurePercent})");
        }
        if (o.Stall < TimeSpan.FromMinutes(10) || o.Stall > TimeSpan.FromDays(7))
        {
            errors.Add($"{s}:Stall must be between 00:10:00 and 7.00:00:00 (got {o.Stall})");
        }
        Configuration.OptionChecks.Range(errors, $"{s}:MinJobs", o.MinJobs, 1, 1_000_000);
        Configuration.OptionChecks.Range(errors, $"{s}:LookbackDays", o.LookbackDays, 1, 3650);
        if (o.Tick < TimeSpan.FromSeconds(1) || o.Tick > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{s}:Tick must be between 00:00:01 and 00:10:00 (got {o.Tick})");
        }
        if (o.Jitter is < 0 or > 0.5)
        {
            errors.Add($"{s}:Jitter must be between 0 and 0.5 (got {o.Jitter})");
        }
        if (o.LeaseDuration < TimeSpan.FromSeconds(10))
        {
            errors.Add($"{s}:LeaseDuration must be at least 00:00:10 (got {o.LeaseDuration})");
        }
        if (DigestSchedule.Problem(o.Digest, o.DigestTimeZone) is { } problem)
        {
            errors.Add($"{s}:{problem}");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
