using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ProdStatus.Bot.Worker;

/// <summary>
/// Dedicated threads for the inbox worker, so jobs never take the thread pool from the front doors. A job refreshes
/// and renders whole campaigns: CPU work and synchronous SQLite calls that would otherwise occupy pool threads and
/// make each webhook wait for the pool to grow (hundreds of milliseconds at a time on a 2-core host). Tasks started on
/// this scheduler keep their continuations on it (<c>await</c> resumes on <see cref="TaskScheduler.Current"/>). On
/// Linux the threads run at a lower CPU priority (nice +<see cref="Niceness"/>), so a busy worker slows itself, not
/// the acknowledgements.
/// </summary>
internal sealed class WorkerThreads : TaskScheduler, IDisposable
{
    /// <summary>How much lower the worker's CPU priority is than the host's (Linux <c>nice</c> steps).</summary>
    public const int Niceness = 10;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;

    /// <param name="count">Threads; one more than the jobs run at once, so a job that blocks on its own continuation cannot stall the rest.</param>
    public WorkerThreads(int count)
    {
        _threads = [.. Enumerable.Range(0, count).Select(i => new Thread(Run) { IsBackground = true, Name = $"prodstat-worker-{i}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Runs <paramref name="work"/> (and everything it awaits) on these threads.</summary>
    public Task Run(Func<Task> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    public void Dispose() => _queue.CompleteAdding();

    protected override void QueueTask(Task task) => _queue.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _threads.Contains(Thread.CurrentThread) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Run()
    {
        LowerPriority();
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

    /// <summary>Linux schedules threads as tasks, each with its own nice value; raising it needs no privilege.</summary>
    private static void LowerPriority()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = SetPriority(0 /* PRIO_PROCESS: one thread id */, GetThreadId(), Niceness);
        }
    }

    // DllImport, not LibraryImport: both signatures are blittable, and LibraryImport would need unsafe code enabled.
    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
}
