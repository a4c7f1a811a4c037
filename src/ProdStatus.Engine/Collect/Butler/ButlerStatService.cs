using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Store;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// get-butler-stat: opens the repository, selects the campaign's RUN collections, reads every metadata document of
/// each RUN that changed since it was stored (or a per-label sample when <c>maxtask</c> &gt; 0), stores the per-run
/// statistics and builds the table from the whole history of the ticket.
/// </summary>
public sealed partial class ButlerStatService(
    ButlerStatsRepository repository,
    DatastoreReader datastore,
    IOptions<ButlerOptions> options,
    TimeProvider time,
    ILogger<ButlerStatService> logger)
{
    public async Task<ButlerStatResult> CollectAsync(ButlerStatParams p, bool cleanHistory, IProgress<Panda.CollectProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        var config = await LoadConfigAsync(p, cancellationToken);
        await using var registry = await ButlerRegistry.OpenAsync(config, options.Value, cancellationToken);
        Log.Opened(logger, config.Source, registry.Schema.Generation, registry.Schema.DatasetsVersion);
        if (cleanHistory)
        {
            await repository.ClearAsync(p.Campaign.HistoryKey, cancellationToken);
        }
        var selection = RunSelection.Select(await Registry(() => registry.GetCollectionsAsync(cancellationToken)), p.Campaign);
        foreach (string name in selection.SkippedNoTimestamp)
        {
            Log.SkippedNoTimestamp(logger, name);
        }
        if (selection.Selected.Count == 0)
        {
            Log.NothingSelected(logger, p.Jira, string.Join(", ", p.Campaign.CollTypes), p.Campaign.StartDate, p.Campaign.StopDate);
        }
        var types = await Registry(() => registry.GetMetadataTypesAsync(cancellationToken));
        var stored = await repository.GetRunsAsync(p.Campaign.HistoryKey, cancellationToken);
        var toScan = new List<(RunSelection.SelectedRun Run, long Registered)>();
        foreach (var run in selection.Selected)
        {
            long registered = await Registry(() => registry.CountAsync(run.Collection.Key, types, cancellationToken));
            if (!stored.TryGetValue(run.Collection.Name, out var known) || known.Repository != config.Source ||
                known.Registered != registered || known.MaxTask != p.Campaign.MaxTask)
            {
                toScan.Add((run, registered));
            }
        }

        var scan = new RunScanner(registry, datastore, config, options.Value.MaxConcurrency, p.Campaign.MaxTask, logger,
            progress, toScan.Sum(r => r.Registered));
        var scanned = new List<ButlerTaskStats>();
        foreach (var (run, registered) in toScan)
        {
            var stats = await scan.ScanAsync(run, types, cancellationToken);
            await repository.SaveRunAsync(p.Campaign.HistoryKey, run.Collection.Name, run.Stamp.Key, config.Source, registered, p.Campaign.MaxTask, stats,
                time.GetUtcNow(), cancellationToken);
            scanned.AddRange(stats);
        }
        scan.ReportSuppressedWarnings();

        var all = await repository.GetTasksAsync(p.Campaign.HistoryKey, cancellationToken);
        var rows = ButlerAggregation.ByRow(all);
        var campaign = ButlerAggregation.Campaign(all);
        var thisRun = ButlerAggregation.Summarize("read now", scanned);
        Log.Collected(logger, p.Jira, selection.Selected.Count, toScan.Count, thisRun.Read, thisRun.Quanta);
        return new ButlerStatResult(p.Jira, config.Source, registry.Schema.Generation, selection.Selected.Count, toScan.Count,
            selection.Selected.Count - toScan.Count, selection.SkippedNoTimestamp, rows, campaign, thisRun,
            ButlerTables.Build(p.Jira, rows, campaign));
    }

    /// <summary>A registry query that fails (connection lost, missing table) is an upstream error, not a crash.</summary>
    private static async Task<T> Registry<T>(Func<Task<T>> query)
    {
        try
        {
            return await query();
        }
        catch (System.Data.Common.DbException ex)
        {
            throw new UpstreamException(RegistryConnectionFactory.Service, ex.Message, ex);
        }
    }

    private async Task<ButlerRepositoryConfig> LoadConfigAsync(ButlerStatParams p, CancellationToken cancellationToken)
    {
        string location = ButlerRepositoryConfig.ConfigLocation(p.Butler);
        var resolved = location.Contains("://", StringComparison.Ordinal)
            ? DatastoreLocation.Resolve("/", location)
            : new DatastoreLocation(Path.GetFullPath(location), null);
        if (resolved.IsLocal)
        {
            string path = Path.GetFullPath(resolved.Uri);
            if (!File.Exists(path))
            {
                throw UserInputException.ForField(p.Source, "Butler", $"no butler.yaml at '{path}'");
            }
            resolved = resolved with { Uri = path };
        }
        else if (!resolved.IsS3)
        {
            throw UserInputException.ForField(p.Source, "Butler", $"'{p.Butler}' is not a local path, file:// or s3:// URI");
        }
        try
        {
            byte[] bytes = await datastore.ReadAsync(resolved, cancellationToken);
            return ButlerRepositoryConfig.Parse(resolved.Uri, System.Text.Encoding.UTF8.GetString(bytes));
        }
        catch (DatastoreFileException ex)
        {
            throw UserInputException.ForField(p.Source, "Butler", $"cannot read '{resolved.Uri}': {ex.Message}");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Source}: {Generation} registry (datasets schema {Version})")]
        public static partial void Opened(ILogger logger, string source, RegistryGeneration generation, string version);

        [LoggerMessage(2, LogLevel.Warning, "skipping RUN collection '{Name}': its last path element is not a YYYYMMDDTHHMMSSZ timestamp")]
        public static partial void SkippedNoTimestamp(ILogger logger, string name);

        [LoggerMessage(3, LogLevel.Warning, "no RUN collection matches Jira '{Jira}' and collTypes [{CollTypes}] between {Start} and {Stop}")]
        public static partial void NothingSelected(ILogger logger, string jira, string collTypes, DateOnly start, DateOnly stop);

        [LoggerMessage(4, LogLevel.Information, "{Jira}: {Runs} RUN collections selected, {Scanned} read ({Read} of {Quanta} quanta), the rest from the store")]
        public static partial void Collected(ILogger logger, string jira, int runs, int scanned, long read, long quanta);
    }
}

/// <summary>What one get-butler-stat run produced.</summary>
/// <param name="ThisRun">Totals of the RUNs read now (the others came from the store).</param>
public sealed record ButlerStatResult(
    string Jira,
    string Repository,
    RegistryGeneration Generation,
    int RunsSelected,
    int RunsRead,
    int RunsReused,
    IReadOnlyList<string> SkippedNames,
    IReadOnlyList<ButlerRowStats> Rows,
    ButlerRowStats Campaign,
    ButlerRowStats ThisRun,
    Render.Tables.StatTable Table);
