using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Worker;

/// <summary>Runs one inbox job with the <see cref="IJobHandler"/> of its kind.</summary>
public sealed class JobProcessor(IEnumerable<IJobHandler> handlers, EffectJournal journal)
{
    public JobContext Start(InboxJob job) => new(job, journal);

    public Task ProcessAsync(JobContext context, CancellationToken cancellationToken) =>
        Handler(context.Job).RunAsync(context, cancellationToken);

    public Task ReportFailureAsync(JobContext context, string error, CancellationToken cancellationToken) =>
        Handler(context.Job).ReportFailureAsync(context, error, cancellationToken);

    private IJobHandler Handler(InboxJob job) =>
        handlers.FirstOrDefault(h => h.Kind == job.Kind) ?? throw new UserInputException($"inbox job {job.Id}: unknown kind '{job.Kind}'");
}
