using System.Text.Json;
using ProdStatus.Bot.Worker;

namespace ProdStatus.Bot.Slack;

/// <summary>A button press from <c>/slack/interactions</c>: run by the handler registered for its <c>action_id</c>.</summary>
public sealed class SlackActionJobHandler(IServiceProvider services, SlackActionRegistry actions, LiveMessages live) : IJobHandler
{
    public string Kind => SlackLiveKinds.Action;

    public Task RunAsync(JobContext context, CancellationToken cancellationToken) =>
        actions.DispatchAsync(services, context.Job, cancellationToken);

    /// <summary>A press that failed for good is told to the presser (ephemeral, the job's one answer).</summary>
    public Task ReportFailureAsync(JobContext context, string error, CancellationToken cancellationToken)
    {
        var action = JsonSerializer.Deserialize(context.Job.Payload, SlackLiveJson.Default.SlackActionJob)!;
        return live.AnswerOnceAsync(context.Job, action.ResponseUrl,
            $"prodstat {action.ActionId} {action.Issue} failed: {(error.Length > 2000 ? error[..2000] : error)}", cancellationToken);
    }
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
