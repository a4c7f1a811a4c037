namespace ProdStatus.Engine.Diagnostics;

/// <summary>The outcome of one check: passed, failed (with the fix), or skipped because the part is not configured.</summary>
public enum CheckStatus
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One line of <c>prodstat doctor</c>: what was checked, what was found, and how to fix a failure.</summary>
public sealed record CheckResult(CheckStatus Status, string What, string? Fix = null)
{
    public static CheckResult Pass(string what) => new(CheckStatus.Passed, what);

    public static CheckResult Fail(string what, string fix) => new(CheckStatus.Failed, what, fix);

    public static CheckResult Skip(string what) => new(CheckStatus.Skipped, what);
}

/// <summary>
/// A read-only check of one configured part (PanDA, Jira, Slack, Teams, store, fonts, Butler). Checks never write
/// to a service; <see cref="AtRuntime"/> marks those the bot's <c>/readyz</c> also runs (local ones only: an outage
/// of Jira, Slack or PanDA must not take the bot out of service).
/// </summary>
public interface IHealthCheck
{
    /// <summary>True when the bot's readiness probe runs this check too (cheap, and about a part the bot needs).</summary>
    bool AtRuntime { get; }

    Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken);
}

/// <summary>Runs the registered checks in order; an exception inside a check becomes its failed line.</summary>
public sealed class HealthCheckRunner(IEnumerable<IHealthCheck> checks)
{
    public async Task<IReadOnlyList<CheckResult>> RunAsync(bool runtimeOnly, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        foreach (var check in checks.Where(c => !runtimeOnly || c.AtRuntime))
        {
            try
            {
                results.AddRange(await check.RunAsync(cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                results.Add(CheckResult.Fail($"{check.GetType().Name.Replace("Check", "", StringComparison.Ordinal)}: {ex.Message}", "run with --verbose for details"));
            }
        }
        return results;
    }
}
