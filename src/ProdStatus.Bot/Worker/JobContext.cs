using ProdStatus.Engine.Inbox;

namespace ProdStatus.Bot.Worker;

/// <summary>The names of the effects jobs journal (see <see cref="EffectJournal"/>). New job kinds add theirs here.</summary>
public static class Effects
{
    public const string JiraComment = "jira-comment";
    public const string JiraAttachment = "jira-attachment";
    public const string JiraDescription = "jira-description";
    public const string ChannelPost = "channel-post";
    public const string PdfUpload = "pdf-upload";
    public const string TeamsCard = "teams-card";

    /// <summary>The one answer to a person's request (response_url, or chat.postMessage once the URL has expired).</summary>
    public const string ResponseUrl = "response-url";
}

/// <summary>
/// One attempt of one inbox job: runs its effects through the journal and remembers which were not sent again, for
/// the worker to record on the job.
/// </summary>
public sealed class JobContext(InboxJob job, EffectJournal journal)
{
    private readonly List<string> _notResent = [];

    public InboxJob Job { get; } = job;

    /// <summary>Effects whose earlier outcome was unknown and that were not sent again.</summary>
    public IReadOnlyList<string> NotResent => _notResent;

    /// <summary>
    /// Runs one named effect at most once per job (see <see cref="EffectJournal.RunOnceAsync"/>). Returns the effect's
    /// detail when it is done (now or in an earlier attempt), null when it was not sent again.
    /// </summary>
    public async Task<string?> EffectAsync(string effect, Func<CancellationToken, Task<string?>>? lookup,
        Func<CancellationToken, Task<string?>> send, CancellationToken cancellationToken)
    {
        var outcome = await journal.RunOnceAsync(Job.Id, effect, lookup, send, cancellationToken);
        if (outcome.State == EffectState.NotResent)
        {
            lock (_notResent)
            {
                _notResent.Add(effect);
            }
            return null;
        }
        return outcome.Detail;
    }

    /// <summary>True when <paramref name="effect"/> already ended in an earlier attempt (done, or not to be sent again).</summary>
    public async Task<bool> SettledAsync(string effect, CancellationToken cancellationToken) =>
        (await journal.ListAsync(Job.Id, cancellationToken)).Any(e => e.Effect == effect && e.State is EffectState.Done or EffectState.NotResent);

    /// <summary>The job's note: which effects had an unknown outcome and were therefore not sent again.</summary>
    public string? Note => _notResent.Count == 0
        ? null
        : $"outcome unknown, not sent again: {string.Join(", ", _notResent)}";
}

/// <summary>
/// Runs the inbox jobs of one kind (<see cref="InboxKinds"/>). Register implementations with
/// <c>services.AddTransient&lt;IJobHandler, …&gt;()</c>; the worker picks the one whose <see cref="Kind"/> matches.
/// Every external effect goes through <see cref="JobContext.EffectAsync"/>.
/// </summary>
public interface IJobHandler
{
    string Kind { get; }

    Task RunAsync(JobContext context, CancellationToken cancellationToken);

    /// <summary>Tells the requester the job failed for good (jobs nobody asked for do nothing).</summary>
    Task ReportFailureAsync(JobContext context, string error, CancellationToken cancellationToken);
}
