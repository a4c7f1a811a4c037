using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Domain.Butler;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// Reads one RUN's metadata documents: the registry query streams into a bounded channel that
/// <c>maxConcurrency</c> readers drain (read, parse, accumulate), so memory stays flat for any number of quanta.
/// Missing files, corrupt and key-less documents are counted; the first few of each kind are logged with their path.
/// </summary>
internal sealed partial class RunScanner(
    ButlerRegistry registry,
    DatastoreReader datastore,
    ButlerRepositoryConfig config,
    int maxConcurrency,
    int maxTask,
    ILogger logger,
    IProgress<CollectProgress>? progress,
    long total)
{
    private const int LoggedPerKind = 20;
    private const string ProvenanceFormatter = "ProvenanceFormatter";
    private readonly int[] _warnings = new int[3];
    private long _done;

    private sealed record WorkItem(ButlerTaskAccumulator Task, DatastoreLocation Location, MetadataDataset Dataset)
    {
        /// <summary>For warnings: where, and which quantum (<c>isr {instrument: LSSTCam, detector: 5, exposure: 1405}</c>).</summary>
        public string Describe() =>
            $"{Location} ({Dataset.Label} {{{string.Join(", ", Dataset.DataId.Select(kv => $"{kv.Key}: {Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture)}"))}}})";
    }

    public async Task<IReadOnlyList<ButlerTaskStats>> ScanAsync(RunSelection.SelectedRun run, IReadOnlyList<MetadataDatasetType> types,
        CancellationToken cancellationToken)
    {
        var tasks = new Dictionary<string, ButlerTaskAccumulator>(StringComparer.Ordinal);
        var channel = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(maxConcurrency * 8) { SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The producer has a thread of its own: the readers keep every pool thread busy while files are queued, and a
        // producer waiting for a pool thread would leave them idle in turn (the scan then used one core of two).
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var type in types)
                {
                    var task = tasks.TryGetValue(type.Label, out var existing) ? existing
                        : tasks[type.Label] = new ButlerTaskAccumulator(run.Collection.Name, run.Stamp.Key, type.Label);
                    long dispatched = 0;
                    var datasets = registry.ReadAsync(run.Collection.Key, type, stop.Token).GetAsyncEnumerator(stop.Token);
                    try
                    {
                        while (Wait(datasets.MoveNextAsync()))
                        {
                            var dataset = datasets.Current;
                            task.Registered();
                            if (dataset.Path is null)
                            {
                                task.NoFile();
                                Progressed();
                            }
                            else if (dataset.Formatter?.Contains(ProvenanceFormatter, StringComparison.Ordinal) == true)
                            {
                                task.Provenance();
                                Progressed();
                            }
                            else if (maxTask > 0 && dispatched >= maxTask)
                            {
                                task.Skipped();
                                Progressed();
                            }
                            else
                            {
                                dispatched++;
                                var item = new WorkItem(task, DatastoreLocation.Resolve(config.DatastoreRoot, dataset.Path), dataset);
                                while (!channel.Writer.TryWrite(item))
                                {
                                    Wait(channel.Writer.WaitToWriteAsync(stop.Token));
                                }
                            }
                        }
                    }
                    finally
                    {
                        Wait(datasets.DisposeAsync());
                    }
                }
            }
            catch (System.Data.Common.DbException ex)
            {
                throw new Errors.UpstreamException(RegistryConnectionFactory.Service, $"reading {run.Collection.Name}: {ex.Message}", ex);
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await Parallel.ForEachAsync(channel.Reader.ReadAllAsync(stop.Token),
                new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = stop.Token },
                async (item, ct) => await ReadOneAsync(item, ct));
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAny(producer);
            throw;
        }
        await producer;
        return tasks.Values.Select(t => t.Build()).Where(t => t.Quanta > 0).OrderBy(t => t.Label, StringComparer.Ordinal).ToList();
    }

    /// <summary>Blocks the producer's own thread (SQLite answers synchronously; a full channel waits for the readers).</summary>
    private static T Wait<T>(ValueTask<T> pending) => pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private static void Wait(ValueTask pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task ReadOneAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            string label = item.Task.Label;
            var outcome = await datastore.ReadAsync(item.Location, content => MetadataParser.Parse(content, label), cancellationToken);
            switch (outcome.Problem)
            {
                case MetadataProblem.None:
                    item.Task.Add(outcome.Usage);
                    break;
                case MetadataProblem.MissingKeys:
                    item.Task.NoMetadata();
                    Warn(1, () => Log.NoMetadata(logger, item.Describe(), outcome.Reason!));
                    break;
                default:
                    item.Task.Unreadable();
                    Warn(2, () => Log.Unreadable(logger, item.Describe(), outcome.Reason!));
                    break;
            }
        }
        catch (DatastoreFileException ex) when (ex.Missing)
        {
            item.Task.NoFile();
            Warn(0, () => Log.Missing(logger, item.Describe(), ex.Message));
        }
        catch (DatastoreFileException ex)
        {
            item.Task.Unreadable();
            Warn(2, () => Log.Unreadable(logger, item.Describe(), ex.Message));
        }
        Progressed();
    }

    private void Progressed()
    {
        long done = Interlocked.Increment(ref _done);
        if (progress is not null && (done % 256 == 0 || done == total))
        {
            progress.Report(new CollectProgress("quanta", (int)Math.Min(done, int.MaxValue), (int)Math.Min(total, int.MaxValue)));
        }
    }

    private void Warn(int kind, Action log)
    {
        if (Interlocked.Increment(ref _warnings[kind]) <= LoggedPerKind)
        {
            log();
        }
    }

    /// <summary>Says how many warnings of each kind were not printed.</summary>
    public void ReportSuppressedWarnings()
    {
        string[] kinds = ["missing files", "documents without quantum times", "unreadable documents"];
        for (int i = 0; i < kinds.Length; i++)
        {
            if (_warnings[i] > LoggedPerKind)
            {
                Log.Suppressed(logger, _warnings[i] - LoggedPerKind, kinds[i]);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(11, LogLevel.Warning, "metadata file missing: {Location} ({Reason})")]
        public static partial void Missing(ILogger logger, string location, string reason);

        [LoggerMessage(12, LogLevel.Warning, "no metadata: {Location}: {Reason}")]
        public static partial void NoMetadata(ILogger logger, string location, string reason);

        [LoggerMessage(13, LogLevel.Warning, "unreadable metadata: {Location}: {Reason}")]
        public static partial void Unreadable(ILogger logger, string location, string reason);

        [LoggerMessage(14, LogLevel.Warning, "{Count} more {Kind} not listed")]
        public static partial void Suppressed(ILogger logger, int count, string kind);
    }
}
