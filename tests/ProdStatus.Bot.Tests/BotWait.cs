using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Tests;

/// <summary>Polls the inbox of a test host until a condition holds.</summary>
internal static class BotWait
{
    public static async Task<IReadOnlyList<InboxJob>> UntilAsync(BotApplication app, Func<IReadOnlyList<InboxJob>, bool> done, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var inbox = app.Services.GetRequiredService<InboxRepository>();
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        IReadOnlyList<InboxJob> jobs = [];
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            jobs = await inbox.ListAsync(cancellationToken);
            if (done(jobs))
            {
                return jobs;
            }
            await Task.Delay(50, cancellationToken);
        }
        throw new TimeoutException($"inbox did not settle: {string.Join(", ", jobs.Select(j => $"{j.Kind}/{j.Subject}/{j.State}"))}");
    }

    /// <summary>Every job ended (done, failed or superseded) and there are <paramref name="count"/> of them.</summary>
    public static Task<IReadOnlyList<InboxJob>> AllEndedAsync(BotApplication app, int count, TimeSpan timeout, CancellationToken cancellationToken) =>
        UntilAsync(app, jobs => jobs.Count == count && jobs.All(Ended), timeout, cancellationToken);

    public static bool Ended(InboxJob job) => job.State is InboxState.Done or InboxState.Failed or InboxState.Superseded;
}
