using System.Data.Common;
using ProdStatus.Engine.Domain.Panda;

namespace ProdStatus.Engine.Store;

/// <summary>PanDA history per Jira ticket: workflow states (refreshed every run) and task statistics
/// (tasks in a final state are never fetched again).</summary>
public sealed class PandaStatsRepository(StoreDatabase database)
{
    internal const string Ddl = """
        CREATE TABLE IF NOT EXISTS panda_workflow (
            jira TEXT NOT NULL, wf_key TEXT NOT NULL, request_id BIGINT NOT NULL, r_name TEXT NOT NULL,
            status TEXT NOT NULL, total_tasks BIGINT NOT NULL, total_files BIGINT NOT NULL,
            remaining_files BIGINT NOT NULL, processed_files BIGINT NOT NULL, tasks_finished BIGINT NOT NULL,
            tasks_failed BIGINT NOT NULL, tasks_subfinished BIGINT NOT NULL, created_utc TEXT NULL,
            refreshed_utc TEXT NOT NULL,
            PRIMARY KEY (jira, wf_key));
        CREATE TABLE IF NOT EXISTS panda_task (
            jira TEXT NOT NULL, jeditaskid BIGINT NOT NULL, wf_key TEXT NOT NULL, label TEXT NOT NULL,
            identity TEXT NOT NULL, taskname TEXT NOT NULL, status TEXT NOT NULL, nfiles BIGINT NOT NULL,
            nfiles_failed BIGINT NOT NULL, start_utc TEXT NULL, end_utc TEXT NULL, jobs_finished BIGINT NOT NULL,
            sum_wall DOUBLE PRECISION NOT NULL, sum_cpu DOUBLE PRECISION NOT NULL, max_rss_kb DOUBLE PRECISION NOT NULL,
            jobs_failed BIGINT NOT NULL, retried BIGINT NOT NULL, first_job_utc TEXT NULL, last_job_utc TEXT NULL,
            sampled BIGINT NOT NULL, refreshed_utc TEXT NOT NULL,
            PRIMARY KEY (jira, jeditaskid));
        """;

    public async Task<IReadOnlyList<WorkflowState>> GetWorkflowsAsync(string jira, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT wf_key, request_id, r_name, status, total_tasks, total_files, remaining_files, processed_files, " +
            "tasks_finished, tasks_failed, tasks_subfinished, created_utc, refreshed_utc FROM panda_workflow WHERE jira = @jira")
            .With("@jira", jira);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<WorkflowState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new WorkflowState(reader.GetString(0), reader.GetInt64Value(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64Value(4), reader.GetInt64Value(5), reader.GetInt64Value(6), reader.GetInt64Value(7),
                reader.GetInt64Value(8), reader.GetInt64Value(9), reader.GetInt64Value(10), reader.GetUtc(11), reader.GetUtc(12)!.Value));
        }
        return result;
    }

    /// <summary>Every ticket in the store with its workflows (the dashboard's campaign list).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<WorkflowState>>> GetAllWorkflowsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT jira, wf_key, request_id, r_name, status, total_tasks, total_files, remaining_files, processed_files, " +
            "tasks_finished, tasks_failed, tasks_subfinished, created_utc, refreshed_utc FROM panda_workflow ORDER BY jira");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<string, IReadOnlyList<WorkflowState>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            string jira = reader.GetString(0);
            if (!result.TryGetValue(jira, out var list))
            {
                result[jira] = list = new List<WorkflowState>();
            }
            ((List<WorkflowState>)list).Add(new WorkflowState(reader.GetString(1), reader.GetInt64Value(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64Value(5), reader.GetInt64Value(6), reader.GetInt64Value(7), reader.GetInt64Value(8),
                reader.GetInt64Value(9), reader.GetInt64Value(10), reader.GetInt64Value(11), reader.GetUtc(12), reader.GetUtc(13)!.Value));
        }
        return result;
    }

    public async Task<IReadOnlyList<PandaTaskRecord>> GetTasksAsync(string jira, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT jeditaskid, wf_key, label, identity, taskname, status, nfiles, nfiles_failed, start_utc, end_utc, " +
            "jobs_finished, sum_wall, sum_cpu, max_rss_kb, jobs_failed, retried, first_job_utc, last_job_utc, sampled, refreshed_utc " +
            "FROM panda_task WHERE jira = @jira")
            .With("@jira", jira);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<PandaTaskRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var jobs = new TaskJobStats(reader.GetInt64Value(10), reader.GetDoubleValue(11), reader.GetDoubleValue(12),
                reader.GetDoubleValue(13), reader.GetInt64Value(14), reader.GetInt64Value(15), reader.GetUtc(16), reader.GetUtc(17));
            result.Add(new PandaTaskRecord(reader.GetInt64Value(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt64Value(6), reader.GetInt64Value(7), reader.GetUtc(8),
                reader.GetUtc(9), jobs, reader.GetInt64Value(18) != 0, reader.GetUtc(19)!.Value));
        }
        return result;
    }

    /// <summary>Saves one run's results in one transaction.</summary>
    public async Task SaveAsync(string jira, IEnumerable<WorkflowState> workflows, IEnumerable<PandaTaskRecord> tasks,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var w in workflows)
        {
            await using var command = connection.Command("""
                INSERT INTO panda_workflow (jira, wf_key, request_id, r_name, status, total_tasks, total_files, remaining_files,
                    processed_files, tasks_finished, tasks_failed, tasks_subfinished, created_utc, refreshed_utc)
                VALUES (@jira, @key, @rid, @name, @status, @tt, @tf, @rf, @pf, @fin, @fail, @sub, @created, @refreshed)
                ON CONFLICT (jira, wf_key) DO UPDATE SET request_id = excluded.request_id, r_name = excluded.r_name,
                    status = excluded.status, total_tasks = excluded.total_tasks, total_files = excluded.total_files,
                    remaining_files = excluded.remaining_files, processed_files = excluded.processed_files,
                    tasks_finished = excluded.tasks_finished, tasks_failed = excluded.tasks_failed,
                    tasks_subfinished = excluded.tasks_subfinished, created_utc = excluded.created_utc,
                    refreshed_utc = excluded.refreshed_utc
                """, transaction)
                .With("@jira", jira).With("@key", w.Key).With("@rid", w.RequestId).With("@name", w.Name).With("@status", w.Status)
                .With("@tt", w.TotalTasks).With("@tf", w.TotalFiles).With("@rf", w.RemainingFiles).With("@pf", w.ProcessedFiles)
                .With("@fin", w.TasksFinished).With("@fail", w.TasksFailed).With("@sub", w.TasksSubfinished)
                .With("@created", w.CreatedUtc).With("@refreshed", w.RefreshedUtc);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var t in tasks)
        {
            await using var command = connection.Command("""
                INSERT INTO panda_task (jira, jeditaskid, wf_key, label, identity, taskname, status, nfiles, nfiles_failed,
                    start_utc, end_utc, jobs_finished, sum_wall, sum_cpu, max_rss_kb, jobs_failed, retried, first_job_utc,
                    last_job_utc, sampled, refreshed_utc)
                VALUES (@jira, @id, @key, @label, @identity, @name, @status, @nfiles, @nfailed, @start, @end, @jf, @wall, @cpu,
                    @rss, @jfail, @retried, @first, @last, @sampled, @refreshed)
                ON CONFLICT (jira, jeditaskid) DO UPDATE SET wf_key = excluded.wf_key, label = excluded.label,
                    identity = excluded.identity, taskname = excluded.taskname, status = excluded.status,
                    nfiles = excluded.nfiles, nfiles_failed = excluded.nfiles_failed, start_utc = excluded.start_utc,
                    end_utc = excluded.end_utc, jobs_finished = excluded.jobs_finished, sum_wall = excluded.sum_wall,
                    sum_cpu = excluded.sum_cpu, max_rss_kb = excluded.max_rss_kb, jobs_failed = excluded.jobs_failed,
                    retried = excluded.retried, first_job_utc = excluded.first_job_utc, last_job_utc = excluded.last_job_utc,
                    sampled = excluded.sampled, refreshed_utc = excluded.refreshed_utc
                """, transaction)
                .With("@jira", jira).With("@id", t.JediTaskId).With("@key", t.WorkflowKey).With("@label", t.Label)
                .With("@identity", t.Identity).With("@name", t.TaskName).With("@status", t.Status).With("@nfiles", t.NFiles)
                .With("@nfailed", t.NFilesFailed).With("@start", t.StartUtc).With("@end", t.EndUtc)
                .With("@jf", t.Jobs.JobsFinished).With("@wall", t.Jobs.SumWallSeconds).With("@cpu", t.Jobs.SumCpuSeconds)
                .With("@rss", t.Jobs.MaxRssKb).With("@jfail", t.Jobs.JobsFailed).With("@retried", t.Jobs.RetriedAttempts)
                .With("@first", t.Jobs.FirstJobStart).With("@last", t.Jobs.LastJobEnd).With("@sampled", t.Sampled)
                .With("@refreshed", t.RefreshedUtc);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await CampaignVersions.BumpAsync(connection, transaction, jira, jobs: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary><c>--clean-history</c>: forget everything stored for this ticket.</summary>
    public async Task ClearAsync(string jira, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        foreach (string table in new[] { "panda_workflow", "panda_task" })
        {
            await using var command = connection.Command($"DELETE FROM {table} WHERE jira = @jira").With("@jira", jira);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await CampaignVersions.BumpAsync(connection, null, jira, jobs: false, cancellationToken);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await database.EnsureSchemaAsync(connection, "panda", Ddl, cancellationToken);
        await CampaignVersions.EnsureSchemaAsync(database, connection, cancellationToken);
        return connection;
    }
}
