using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Slack;

/// <summary>What one button (<c>action_id</c>) does once its press has been queued.</summary>
public interface ISlackActionHandler
{
    Task HandleAsync(InboxJob job, SlackActionJob action, CancellationToken cancellationToken);
}

/// <summary>One <c>action_id</c> and the handler type that serves it.</summary>
public sealed record SlackActionRoute(string ActionId, Type Handler);

/// <summary>
/// The buttons the bot answers, keyed by <c>action_id</c>. The endpoint asks <see cref="Handles"/> (and queues only
/// those); the worker resolves the handler and runs it. Features add theirs with <c>services.AddSlackAction&lt;T&gt;(actionId)</c>.
/// </summary>
public sealed class SlackActionRegistry
{
    private readonly Dictionary<string, SlackActionRoute> _routes = new(StringComparer.Ordinal);

    public SlackActionRegistry(IEnumerable<SlackActionRoute> routes)
    {
        foreach (var route in routes)
        {
            if (!_routes.TryAdd(route.ActionId, route))
            {
                throw new InvalidOperationException($"Slack action '{route.ActionId}' has two handlers: {_routes[route.ActionId].Handler.Name} and {route.Handler.Name}");
            }
        }
    }

    public bool Handles(string actionId) => _routes.ContainsKey(actionId);

    public async Task DispatchAsync(IServiceProvider services, InboxJob job, CancellationToken cancellationToken)
    {
        var action = JsonSerializer.Deserialize(job.Payload, SlackLiveJson.Default.SlackActionJob)!;
        if (!_routes.TryGetValue(action.ActionId, out var route))
        {
            throw new UserInputException($"inbox job {job.Id}: no handler for Slack action '{action.ActionId}'");
        }
        var handler = (ISlackActionHandler)services.GetRequiredService(route.Handler);
        await handler.HandleAsync(job, action, cancellationToken);
    }
}

/// <summary>Registration of button handlers.</summary>
public static class SlackActionServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="T"/> for the button <paramref name="actionId"/>.</summary>
    public static IServiceCollection AddSlackAction<T>(this IServiceCollection services, string actionId)
        where T : class, ISlackActionHandler
    {
        services.TryAddTransient<T>();
        services.AddSingleton(new SlackActionRoute(actionId, typeof(T)));
        return services;
    }
}

/// <summary><c>prodstat_refresh</c>: refresh the live message (and say so in its thread if something changed).</summary>
internal sealed class RefreshActionHandler(LiveMessages live) : ISlackActionHandler
{
    public Task HandleAsync(InboxJob job, SlackActionJob action, CancellationToken cancellationToken) =>
        live.ShowAsync(job, action.Issue!, action.ChannelId, cancellationToken);
}

/// <summary><c>prodstat_pdf</c>: the PDF summary into the live message's thread.</summary>
internal sealed class PdfActionHandler(LiveMessages live) : ISlackActionHandler
{
    public Task HandleAsync(InboxJob job, SlackActionJob action, CancellationToken cancellationToken) =>
        live.UploadPdfAsync(job, action, cancellationToken);
}

/// <summary><c>prodstat_mute</c>: no more thread replies in this channel (pressed again: replies resume).</summary>
internal sealed class MuteActionHandler(LiveMessages live) : ISlackActionHandler
{
    public Task HandleAsync(InboxJob job, SlackActionJob action, CancellationToken cancellationToken) =>
        live.ToggleMuteAsync(job, action, cancellationToken);
}
