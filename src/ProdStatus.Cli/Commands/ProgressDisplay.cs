using System.Collections.Concurrent;
using ProdStatus.Engine.Collect.Panda;
using Spectre.Console;

namespace ProdStatus.Cli.Commands;

/// <summary>A Spectre progress display on a terminal; one plain line per finished stage otherwise.</summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(CliEnvironment environment, string source, Func<IProgress<CollectProgress>, Task<T>> work)
    {
        if (!environment.Interactive)
        {
            var reported = new ConcurrentDictionary<string, bool>();
            var plain = new SyncProgress(p =>
            {
                if (p.Done == p.Total && reported.TryAdd(p.Stage, true))
                {
                    environment.Error.WriteLine($"{source}: {p.Stage} {p.Done}/{p.Total}");
                }
            });
            return await work(plain);
        }
        T result = default!;
        await environment.CreateConsole().Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new ConcurrentDictionary<string, ProgressTask>();
                var progress = new SyncProgress(p =>
                {
                    var bar = bars.GetOrAdd(p.Stage, stage => context.AddTask($"{source} {stage}"));
                    bar.MaxValue = Math.Max(1, p.Total);
                    bar.Value = p.Done;
                });
                result = await work(progress);
            });
        return result;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder).</summary>
    private sealed class SyncProgress(Action<CollectProgress> report) : IProgress<CollectProgress>
    {
        public void Report(CollectProgress value) => report(value);
    }
}
