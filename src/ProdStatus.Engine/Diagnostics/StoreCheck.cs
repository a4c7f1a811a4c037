using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Diagnostics;

/// <summary>
/// The store opens, takes a write (inside a transaction that is rolled back), and every table that exists has the
/// columns this version's DDL defines (tables not created yet are made on first use).
/// </summary>
internal sealed partial class StoreCheck(StoreDatabase store, IOptions<StoreOptions> options) : IHealthCheck
{
    private const string Fix = $"make the store writable, or point {StoreOptions.Section}:ConnectionString (or {OutputOptions.Section}:DataDir) elsewhere";

    public bool AtRuntime => true;

    /// <summary>Each store database and the DDL of the repositories that keep their tables in it.</summary>
    private static IEnumerable<(string Label, Func<StoreDatabase, StoreDatabase> Database, string[] Ddl)> Databases() =>
    [
        ("store", d => d, [PandaStatsRepository.Ddl, PandaJobTimesRepository.Ddl, ButlerStatsRepository.Ddl, SummaryRepository.Ddl]),
        ("inbox", d => d.Sibling("inbox"), [InboxRepository.Ddl]),
    ];

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        foreach (var (label, select, ddl) in Databases())
        {
            results.Add(await CheckAsync(label, select(store), ddl, cancellationToken));
        }
        return results;
    }

    private async Task<CheckResult> CheckAsync(string label, StoreDatabase database, string[] ddl, CancellationToken cancellationToken)
    {
        string name = $"{label} ({options.Value.Provider})";
        DbConnection connection;
        try
        {
            connection = await database.OpenAsync(cancellationToken);
        }
        catch (UpstreamException ex)
        {
            return CheckResult.Fail($"{name}: {ex.Message}", Fix);
        }
        await using (connection)
        {
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var probe = connection.CreateCommand())
                {
                    probe.Transaction = transaction;
                    probe.CommandText = "CREATE TABLE prodstat_doctor_probe (x INTEGER)";
                    await probe.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.RollbackAsync(cancellationToken);
            }
            catch (DbException ex)
            {
                return CheckResult.Fail($"{name}: not writable ({ex.Message.Split('\n')[0].Trim()})", Fix);
            }
            foreach (var (table, columns) in ddl.SelectMany(Tables))
            {
                var actual = await ColumnsAsync(connection, table, cancellationToken);
                if (actual.Count > 0 && columns.FirstOrDefault(c => !actual.Contains(c)) is { } missing)
                {
                    return CheckResult.Fail($"{name}: schema out of date: table {table} has no column {missing}",
                        "the store was made by another version: move it aside (statistics are collected again) or use that version");
                }
            }
        }
        return CheckResult.Pass($"{name}: opens, writable, schema current");
    }

    private async Task<HashSet<string>> ColumnsAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = options.Value.Provider == StoreProvider.Postgres
            ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t"
            : "SELECT name FROM pragma_table_info(@t)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@t";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }

    /// <summary>The tables and column names of <c>CREATE TABLE IF NOT EXISTS</c> statements.</summary>
    internal static IEnumerable<(string Table, List<string> Columns)> Tables(string ddl)
    {
        foreach (Match match in CreateTable().Matches(ddl))
        {
            var columns = new List<string>();
            int depth = 0, start = 0;
            string body = match.Groups["body"].Value;
            for (int i = 0; i <= body.Length; i++)
            {
                char c = i < body.Length ? body[i] : ',';
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (c == ',' && depth == 0)
                {
                    string word = body[start..i].Trim().Split([' ', '\n', '\t'], 2)[0];
                    if (word.Length > 0 && !Constraint().IsMatch(word))
                    {
                        columns.Add(word.Trim('"'));
                    }
                    start = i + 1;
                }
            }
            yield return (match.Groups["table"].Value, columns);
        }
    }

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS\s+(?<table>\w+)\s*\((?<body>.*?)\)\s*;", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    [GeneratedRegex("^(PRIMARY|UNIQUE|FOREIGN|CHECK|CONSTRAINT)$", RegexOptions.IgnoreCase)]
    private static partial Regex Constraint();
}
