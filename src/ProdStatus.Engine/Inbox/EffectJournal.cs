using System.Data.Common;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Slack;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Inbox;

/// <summary>
/// Each external effect of an inbox job happens once. A job is a sequence of named effects (<c>jira-comment</c>,
/// <c>channel-post</c>, …); <see cref="RunOnceAsync"/> journals each one's outcome in the store (table
/// <c>bot_effects</c>, next to the inbox), so an attempt that follows a failure or a crash resumes after the last
/// effect that completed.
/// </summary>
/// <remarks>
/// Contract of <see cref="RunOnceAsync"/>, per (job id, effect name):
/// <list type="bullet">
/// <item>Journaled <c>Done</c>: not sent again; the stored detail is returned (<see cref="EffectOutcome.Replayed"/>).</item>
/// <item>No entry: <c>Sending</c> is committed <em>before</em> <c>send</c> runs. <c>send</c> returning makes it <c>Done</c>
/// with the returned detail (a comment id, a message ts, an answer text).</item>
/// <item><c>send</c> throwing an error that proves nothing was delivered (<see cref="IsKnownNotSent"/>: refused connection,
/// Slack <c>ok:false</c>, an <see cref="UpstreamException.NotSent"/> rejection, bad input found before sending): the entry
/// is removed and the error rethrown; the next attempt sends again.</item>
/// <item>Any other error (a timeout after sending, a 5xx, a connection closed mid-answer, cancellation) or a crash
/// leaves the outcome unknown (<c>Unknown</c>/<c>Sending</c>), and the error is rethrown. The next attempt then calls
/// <c>lookup</c>: a detail means it landed (<c>Done</c>); null means it certainly did not, and <c>send</c> runs again.
/// Without a <c>lookup</c> (Slack posts, Teams cards) the effect is <em>not sent again</em>: it becomes
/// <c>NotResent</c> and the outcome says so, for the job to report.</item>
/// </list>
/// Effects whose <c>send</c> is idempotent because it looks its target up itself (Jira: the comment carrying the
/// tokens, the attachment of that name) pass <see cref="SendAgain"/> as <c>lookup</c>.
/// </remarks>
public sealed class EffectJournal(StoreDatabase store, TimeProvider time)
{
    private readonly StoreDatabase database = store.Sibling("inbox");

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS bot_effects (
            job_id BIGINT NOT NULL, effect TEXT NOT NULL, state TEXT NOT NULL, detail TEXT NULL, updated_utc TEXT NOT NULL,
            PRIMARY KEY (job_id, effect));
        CREATE INDEX IF NOT EXISTS bot_effects_updated ON bot_effects (updated_utc);
        """;

    /// <summary>The lookup of an effect whose send checks the target itself: "not found", so send (again).</summary>
    public static readonly Func<CancellationToken, Task<string?>> SendAgain = _ => Task.FromResult<string?>(null);

    /// <summary>Runs <paramref name="send"/> unless the journal shows it happened or may have happened (see the type's remarks).</summary>
    public async Task<EffectOutcome> RunOnceAsync(long jobId, string effect, Func<CancellationToken, Task<string?>>? lookup,
        Func<CancellationToken, Task<string?>> send, CancellationToken cancellationToken = default)
    {
        var entry = await GetAsync(jobId, effect, cancellationToken);
        if (entry is null && !await TryStartAsync(jobId, effect, cancellationToken))
        {
            entry = await GetAsync(jobId, effect, cancellationToken); // another attempt journaled it first
        }
        switch (entry?.State)
        {
            case EffectState.Done:
                return new EffectOutcome(effect, EffectState.Done, entry!.Detail, Replayed: true);
            case EffectState.NotResent:
                return new EffectOutcome(effect, EffectState.NotResent, entry!.Detail, Replayed: true);
            case EffectState.Sending or EffectState.Unknown when lookup is null:
                await SetAsync(jobId, effect, EffectState.NotResent, entry!.Detail, cancellationToken);
                return new EffectOutcome(effect, EffectState.NotResent, entry.Detail, Replayed: false);
            case EffectState.Sending or EffectState.Unknown:
                if (await lookup!(cancellationToken) is { } landed)
                {
                    await SetAsync(jobId, effect, EffectState.Done, landed, cancellationToken);
                    return new EffectOutcome(effect, EffectState.Done, landed, Replayed: true);
                }
                await SetAsync(jobId, effect, EffectState.Sending, null, cancellationToken);
                break;
        }
        string? detail;
        try
        {
            detail = await send(cancellationToken);
        }
        catch (Exception ex) when (IsKnownNotSent(ex))
        {
            await DeleteAsync(jobId, effect, CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await SetAsync(jobId, effect, EffectState.Unknown, Short(ex.Message), CancellationToken.None);
            throw;
        }
        await SetAsync(jobId, effect, EffectState.Done, detail, CancellationToken.None);
        return new EffectOutcome(effect, EffectState.Done, detail, Replayed: false);
    }

    /// <summary>True when <paramref name="error"/> proves the request was not delivered (so sending again cannot duplicate).</summary>
    public static bool IsKnownNotSent(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case UpstreamException { NotSent: true } or SlackApiException or UserInputException or ArgumentException:
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }:
                    return true;
                case OperationCanceledException or TimeoutException:
                    return false;
            }
        }
        return false;
    }

    /// <summary>The journal of one job, in no particular order (for reports and tests).</summary>
    public async Task<IReadOnlyList<EffectOutcome>> ListAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT effect, state, detail FROM bot_effects WHERE job_id = @job").With("@job", jobId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<EffectOutcome>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new EffectOutcome(reader.GetString(0), Enum.Parse<EffectState>(reader.GetString(1)), reader.GetNullableString(2), Replayed: false));
        }
        return list;
    }

    /// <summary>Retention: forgets effects last written before <paramref name="cutoff"/>.</summary>
    public Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        database.DeleteInBatchesAsync(OpenAsync, "bot_effects", "job_id", "updated_utc < @cutoff", cutoff, cancellationToken);

    private async Task<Entry?> GetAsync(long jobId, string effect, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT state, detail FROM bot_effects WHERE job_id = @job AND effect = @effect")
            .With("@job", jobId).With("@effect", effect);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Entry(Enum.Parse<EffectState>(reader.GetString(0)), reader.GetNullableString(1))
            : null;
    }

    private async Task<bool> TryStartAsync(long jobId, string effect, CancellationToken cancellationToken)
    {
        using var gate = await database.WriteLockAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO bot_effects (job_id, effect, state, detail, updated_utc) VALUES (@job, @effect, 'Sending', NULL, @now)
            ON CONFLICT (job_id, effect) DO NOTHING
            """).With("@job", jobId).With("@effect", effect).With("@now", time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task SetAsync(long jobId, string effect, EffectState state, string? detail, CancellationToken cancellationToken)
    {
        using var gate = await database.WriteLockAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "UPDATE bot_effects SET state = @state, detail = @detail, updated_utc = @now WHERE job_id = @job AND effect = @effect")
            .With("@state", state.ToString()).With("@detail", detail).With("@now", time.GetUtcNow()).With("@job", jobId).With("@effect", effect);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task DeleteAsync(long jobId, string effect, CancellationToken cancellationToken)
    {
        using var gate = await database.WriteLockAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM bot_effects WHERE job_id = @job AND effect = @effect")
            .With("@job", jobId).With("@effect", effect);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Entry(EffectState State, string? Detail);

    private static string Short(string text) => text.Length <= 500 ? text : text[..500];

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await database.EnsureSchemaAsync(connection, "effects", Ddl, cancellationToken);
        return connection;
    }
}

/// <summary>Journal states: <c>Sending</c> before a send, then <c>Done</c>, <c>Unknown</c> (may have landed) or <c>NotResent</c>.</summary>
public enum EffectState
{
    Sending,
    Done,
    Unknown,
    NotResent,
}

/// <param name="Replayed">True when the outcome comes from an earlier attempt (nothing was sent now).</param>
public sealed record EffectOutcome(string Effect, EffectState State, string? Detail, bool Replayed);
