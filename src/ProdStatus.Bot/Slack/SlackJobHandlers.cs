using ProdStatus.Bot.Worker;

namespace ProdStatus.Bot.Slack;

/// <summary>A button press from <c>/slack/interactions</c>: run by the handler registered for its <c>action_id</c>.</summary>
public sealed class SlackActionJobHandler(IServiceProvider services, SlackActionRegistry actions) : IJobHandler
{
    public string Kind => SlackLiveKinds.Action;

    public Task RunAsync(JobContext context, CancellationToken cancellationToken) =>
        actions.DispatchAsync(services, context.Job, cancellationToken);

    /// <summary>The press is in the log and on the inbox row; the message it came from stays as it was.</summary>
    public Task ReportFailureAsync(JobContext context, string error, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>An Events API delivery from <c>/slack/events</c> (link previews, the Home tab).</summary>
public sealed class SlackEventJobHandler(SlackEventProcessor events) : IJobHandler
{
    public string Kind => SlackLiveKinds.Event;

    public Task RunAsync(JobContext context, CancellationToken cancellationToken) =>
        events.ProcessAsync(context.Job, cancellationToken);

    /// <summary>Nobody waits for an answer: a missing preview is not an error anyone must read.</summary>
    public Task ReportFailureAsync(JobContext context, string error, CancellationToken cancellationToken) => Task.CompletedTask;
}
