using System.Data.Common;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Publish.Slack;

/// <summary>One campaign's live message in one channel: its <c>ts</c> once posted, and what it last showed.</summary>
/// <param name="PendingKey">Set while a <c>chat.postMessage</c> of this message is under way (or its outcome is unknown).</param>
public sealed record LiveMessage(
    string Issue, string Channel, string? Ts, string? Permalink, LiveCampaignState? State, DateTimeOffset? DataAsOf, bool Muted, string? PendingKey);

/// <summary>
/// Live campaign messages and the latest state of each campaign (the posts themselves are effects of their jobs,
/// journaled by the EffectJournal). SQLite and PostgreSQL; the repository owns its DDL.
/// </summary>
public sealed class LiveMessageRepository(StoreDatabase database, TimeProvider time)
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS slack_live_message (
            issue TEXT NOT NULL, channel TEXT NOT NULL, ts TEXT NULL, permalink TEXT NULL, state TEXT NULL,
            data_as_of TEXT NULL, muted INTEGER NOT NULL, pending_key TEXT NULL, pending_since TEXT NULL,
            updated_utc TEXT NOT NULL, PRIMARY KEY (issue, channel));
        CREATE TABLE IF NOT EXISTS slack_campaign_state (issue TEXT NOT NULL PRIMARY KEY, state TEXT NOT NULL, updated_utc TEXT NOT NULL);
        """;

    private const string Columns = "issue, channel, ts, permalink, state, data_as_of, muted, pending_key";

    public async Task<LiveMessage?> GetAsync(string issue, string channel, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM slack_live_message WHERE issue = @issue AND channel = @channel")
            .With("@issue", issue).With("@channel", channel);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Live messages of one issue (all channels), or of every issue; posted ones only.</summary>
    public async Task<IReadOnlyList<LiveMessage>> ListAsync(string? issue = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = issue is null
            ? connection.Command($"SELECT {Columns} FROM slack_live_message WHERE ts IS NOT NULL ORDER BY channel, issue")
            : connection.Command($"SELECT {Columns} FROM slack_live_message WHERE ts IS NOT NULL AND issue = @issue ORDER BY channel").With("@issue", issue);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<LiveMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }
        return list;
    }

    /// <summary>
    /// Claims the right to post the live message of (issue, channel) for <paramref name="owner"/>, unless it is posted
    /// already, someone else is posting it, or an earlier attempt of the same job (<paramref name="jobPrefix"/>) left its
    /// outcome unknown. Another job's claim older than <paramref name="staleAfter"/> is taken over. Returns the row:
    /// the claim is held when <c>PendingKey == owner</c> and <c>Ts</c> is null.
    /// </summary>
    public async Task<LiveMessage> ClaimPostAsync(string issue, string channel, string owner, string jobPrefix, TimeSpan staleAfter,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken);
        await using (var claim = connection.Command("""
            INSERT INTO slack_live_message (issue, channel, muted, pending_key, pending_since, updated_utc)
            VALUES (@issue, @channel, 0, @owner, @now, @now)
            ON CONFLICT (issue, channel) DO UPDATE SET pending_key = @owner, pending_since = @now, updated_utc = @now
            WHERE slack_live_message.ts IS NULL AND (slack_live_message.pending_key IS NULL OR
                (slack_live_message.pending_since < @stale AND slack_live_message.pending_key NOT LIKE @prefix))
            """)
            .With("@issue", issue).With("@channel", channel).With("@owner", owner).With("@now", now)
            .With("@stale", now - staleAfter).With("@prefix", jobPrefix + "%"))
        {
            await claim.ExecuteNonQueryAsync(cancellationToken);
        }
        return (await GetAsync(issue, channel, cancellationToken))!;
    }

    /// <summary>The claimed post went out: remember its <c>ts</c> and release the claim.</summary>
    public Task SetPostedAsync(string issue, string channel, string owner, string ts, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE slack_live_message SET ts = @ts, permalink = NULL, pending_key = NULL, pending_since = NULL, updated_utc = @now WHERE issue = @issue AND channel = @channel AND pending_key = @owner",
            cancellationToken, ("@ts", ts), ("@issue", issue), ("@channel", channel), ("@owner", owner));

    /// <summary>The claimed post certainly did not go out (Slack said no): another attempt may post.</summary>
    public Task ReleaseClaimAsync(string issue, string channel, string owner, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE slack_live_message SET pending_key = NULL, pending_since = NULL, updated_utc = @now WHERE issue = @issue AND channel = @channel AND pending_key = @owner",
            cancellationToken, ("@issue", issue), ("@channel", channel), ("@owner", owner));

    /// <summary>The message <paramref name="ts"/> was deleted in Slack: the next refresh posts a new one.</summary>
    public Task ForgetMessageAsync(string issue, string channel, string ts, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE slack_live_message SET ts = NULL, permalink = NULL, updated_utc = @now WHERE issue = @issue AND channel = @channel AND ts = @ts",
            cancellationToken, ("@issue", issue), ("@channel", channel), ("@ts", ts));

    public Task SetPermalinkAsync(string issue, string channel, string ts, string permalink, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE slack_live_message SET permalink = @link, updated_utc = @now WHERE issue = @issue AND channel = @channel AND ts = @ts",
            cancellationToken, ("@link", permalink), ("@issue", issue), ("@channel", channel), ("@ts", ts));

    /// <summary>Records what the message now shows, unless a newer refresh (later <paramref name="asOf"/>) already did.</summary>
    public Task SaveStateAsync(string issue, string channel, LiveCampaignState state, DateTimeOffset asOf, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE slack_live_message SET state = @state, data_as_of = @asOf, updated_utc = @now WHERE issue = @issue AND channel = @channel AND (data_as_of IS NULL OR data_as_of < @asOf)",
            cancellationToken, ("@state", state.ToJson()), ("@asOf", asOf), ("@issue", issue), ("@channel", channel));

    /// <summary>Stops (or resumes) thread replies in one channel. False when there is no live message there.</summary>
    public async Task<bool> SetMutedAsync(string issue, string channel, bool muted, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE slack_live_message SET muted = @muted, updated_utc = @now WHERE issue = @issue AND channel = @channel",
            cancellationToken, ("@muted", muted), ("@issue", issue), ("@channel", channel)) == 1;

    /// <summary>The latest state of a campaign (for link previews): the issue is tracked once it has one.</summary>
    public Task SaveCampaignStateAsync(string issue, LiveCampaignState state, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO slack_campaign_state (issue, state, updated_utc) VALUES (@issue, @state, @now)
            ON CONFLICT (issue) DO UPDATE SET state = @state, updated_utc = @now
            """, cancellationToken, ("@issue", issue), ("@state", state.ToJson()));

    public async Task<LiveCampaignState?> GetCampaignStateAsync(string issue, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT state FROM slack_campaign_state WHERE issue = @issue").With("@issue", issue);
        return LiveCampaignState.FromJson(await command.ExecuteScalarAsync(cancellationToken) as string);
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(sql);
        if (sql.Contains("@now", StringComparison.Ordinal))
        {
            command.With("@now", time.GetUtcNow());
        }
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static LiveMessage Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetNullableString(2), r.GetNullableString(3), LiveCampaignState.FromJson(r.GetNullableString(4)),
        r.GetUtc(5), r.GetInt64Value(6) == 1, r.GetNullableString(7));

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await database.EnsureSchemaAsync(connection, "slack-live", Ddl, cancellationToken);
        return connection;
    }
}
