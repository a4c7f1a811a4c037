using System.Data.Common;
using ProdStatus.Engine.Domain.Timing;

namespace ProdStatus.Engine.Store;

/// <summary>
/// Job start/end times per Jira ticket for the timing plots: one row per PanDA job (every attempt) and one per task
/// with its status when last read, so tasks in a final state are never fetched again.
/// </summary>
public sealed class PandaJobTimesRepository(StoreDatabase database)
{
    internal const string Ddl = """
        CREATE TABLE IF NOT EXISTS timing_task (
            jira TEXT NOT NULL, jeditaskid BIGINT NOT NULL, wf_key TEXT NOT NULL, label TEXT NOT NULL,
            taskname TEXT NOT NULL, status TEXT NOT NULL, refreshed_utc TEXT NOT NULL,
            PRIMARY KEY (jira, jeditaskid));
        CREATE TABLE IF NOT EXISTS timing_job (
            jira TEXT NOT NULL, pandaid BIGINT NOT NULL, jeditaskid BIGINT NOT NULL, wf_key TEXT NOT NULL,
            label TEXT NOT NULL, status TEXT NOT NULL, attemptnr BIGINT NOT NULL, start_utc TEXT NULL, end_utc TEXT NULL,
            PRIMARY KEY (jira, pandaid));
        """;

    private const string UpsertJob = """
        INSERT INTO timing_job (jira, pandaid, jeditaskid, wf_key, label, status, attemptnr, start_utc, end_utc)
        VALUES (@jira, @id, @task, @key, @label, @status, @attempt, @start, @end)
        ON CONFLICT (jira, pandaid) DO UPDATE SET jeditaskid = excluded.jeditaskid, wf_key = excluded.wf_key,
            label = excluded.label, status = excluded.status, attemptnr = excluded.attemptnr,
            start_utc = excluded.start_utc, end_utc = excluded.end_utc
        """;

    public async Task<IReadOnlyList<TimingTaskRecord>> GetTasksAsync(string jira, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT jeditaskid, wf_key, label, taskname, status, refreshed_utc FROM timing_task WHERE jira = @jira").With("@jira", jira);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<TimingTaskRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new TimingTaskRecord(reader.GetInt64Value(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetUtc(5)!.Value));
        }
        return result;
    }

    /// <summary>Jobs that started, of the given workflows and labels.</summary>
    public async Task<IReadOnlyList<StoredJobTime>> GetStartedJobsAsync(string jira, IReadOnlySet<string> workflowKeys, IReadOnlySet<string> labels,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT j.pandaid, j.jeditaskid, j.wf_key, j.label, j.status, j.attemptnr, j.start_utc, j.end_utc, t.refreshed_utc
            FROM timing_job j JOIN timing_task t ON t.jira = j.jira AND t.jeditaskid = j.jeditaskid
            WHERE j.jira = @jira AND j.start_utc IS NOT NULL
            """).With("@jira", jira);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<StoredJobTime>();
        while (await reader.ReadAsync(cancellationToken))
        {
            string key = reader.GetString(2), label = reader.GetString(3);
            if (!workflowKeys.Contains(key) || !labels.Contains(label))
            {
                continue;
            }
            var job = new JobTime(reader.GetInt64Value(0), reader.GetInt64Value(1), key, label, reader.GetString(4),
                reader.GetInt64Value(5), reader.GetUtc(6), reader.GetUtc(7));
            result.Add(new StoredJobTime(job, reader.GetUtc(8)!.Value));
        }
        return result;
    }

    /// <summary>Every stored job of the ticket, started or not (the dashboard's progress and running-quanta charts).</summary>
    public async Task<IReadOnlyList<StoredJobTime>> GetAllJobsAsync(string jira, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // Each task's workflow, label and "as of" are read once, not once per job (a job's are its task's, as
        // prep-timing-data saves them): a page build reads tens of thousands of jobs, and each string read is an allocation.
        var tasks = new Dictionary<long, (string WorkflowKey, string Label, DateTimeOffset AsOf)>();
        await using (var command = connection.Command("SELECT jeditaskid, wf_key, label, refreshed_utc FROM timing_task WHERE jira = @jira").With("@jira", jira))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tasks[reader.GetInt64Value(0)] = (reader.GetString(1), reader.GetString(2), reader.GetUtc(3)!.Value);
            }
        }
        await using var jobsCommand = connection.Command(
            "SELECT pandaid, jeditaskid, status, attemptnr, start_utc, end_utc FROM timing_job WHERE jira = @jira").With("@jira", jira);
        await using var jobs = await jobsCommand.ExecuteReaderAsync(cancellationToken);
        var result = new List<StoredJobTime>();
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal); // a handful of words, kept once each
        while (await jobs.ReadAsync(cancellationToken))
        {
            long task = jobs.GetInt64Value(1);
            if (!tasks.TryGetValue(task, out var t))
            {
                continue; // jobs are saved before their task row, in one transaction: none is without one
            }
            string status = jobs.GetString(2);
            if (!statuses.TryGetValue(status, out string? shared))
            {
                statuses[status] = shared = status;
            }
            var job = new JobTime(jobs.GetInt64Value(0), task, t.WorkflowKey, t.Label, shared, jobs.GetInt64Value(3), jobs.GetUtc(4), jobs.GetUtc(5));
            result.Add(new StoredJobTime(job, t.AsOf));
        }
        return result;
    }

    /// <summary>Saves one task's jobs and then the task itself, in one transaction: a task is only marked as read
    /// (and, if final, never read again) together with its jobs.</summary>
    public async Task SaveTaskAsync(string jira, TimingTaskRecord task, IReadOnlyList<JobTime> jobs, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = connection.Command(UpsertJob, transaction)
            .With("@jira", jira).With("@id", 0L).With("@task", 0L).With("@key", "").With("@label", "")
            .With("@status", "").With("@attempt", 0L).With("@start", null).With("@end", null))
        {
            foreach (var job in jobs)
            {
                Set(command, "@id", job.PandaId);
                Set(command, "@task", job.JediTaskId);
                Set(command, "@key", job.WorkflowKey);
                Set(command, "@label", job.Label);
                Set(command, "@status", job.Status);
                Set(command, "@attempt", job.AttemptNr);
                Set(command, "@start", job.StartUtc is { } s ? DbExtensions.ToText(s) : null);
                Set(command, "@end", job.EndUtc is { } e ? DbExtensions.ToText(e) : null);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using (var command = connection.Command("""
            INSERT INTO timing_task (jira, jeditaskid, wf_key, label, taskname, status, refreshed_utc)
            VALUES (@jira, @id, @key, @label, @name, @status, @refreshed)
            ON CONFLICT (jira, jeditaskid) DO UPDATE SET wf_key = excluded.wf_key, label = excluded.label,
                taskname = excluded.taskname, status = excluded.status, refreshed_utc = excluded.refreshed_utc
            """, transaction)
            .With("@jira", jira).With("@id", task.JediTaskId).With("@key", task.WorkflowKey).With("@label", task.Label)
            .With("@name", task.TaskName).With("@status", task.Status).With("@refreshed", task.RefreshedUtc))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await CampaignVersions.BumpAsync(connection, transaction, jira, jobs: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static void Set(DbCommand command, string name, object? value) =>
        command.Parameters[name].Value = value ?? DBNull.Value;

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await database.EnsureSchemaAsync(connection, "timing", Ddl, cancellationToken);
        await CampaignVersions.EnsureSchemaAsync(database, connection, cancellationToken);
        return connection;
    }
}
