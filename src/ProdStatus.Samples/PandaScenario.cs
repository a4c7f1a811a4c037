namespace ProdStatus.Samples;

/// <summary>Which monitor generation an answer imitates.</summary>
public enum PandaFlavour
{
    /// <summary>2022: lower-cased values, remaining/processed_files, mixed date formats, integer CPU times.</summary>
    Legacy2022,

    /// <summary>Current: original case, finished/failed_files percentages, ISO dates, float CPU times.</summary>
    Current,
}

/// <summary>A campaign as the PanDA monitor knows it: requests, their tasks and the tasks' jobs (generated lazily).</summary>
public sealed class PandaScenario
{
    public required IReadOnlyList<ScenarioWorkflow> Workflows { get; init; }

    /// <summary>The monitor's clock, for its <c>days=</c> windows.</summary>
    public required DateTimeOffset Now { get; init; }

    public IEnumerable<ScenarioTask> AllTasks => Workflows.SelectMany(w => w.Tasks);
}

public sealed class ScenarioWorkflow
{
    public required long RequestId { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public PandaFlavour Flavour { get; init; } = PandaFlavour.Current;
    public required IReadOnlyList<ScenarioTask> Tasks { get; init; }
}

public sealed class ScenarioTask
{
    public required long JediTaskId { get; init; }
    public required long RequestId { get; init; }
    public required string TaskName { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public required long NFiles { get; init; }
    public long NFilesFinished { get; init; }
    public long NFilesFailed { get; init; }
    public PandaFlavour Flavour { get; init; } = PandaFlavour.Current;

    /// <summary>The jobs' <c>minramcount</c>, MB.</summary>
    public long RequestedRamMb { get; init; } = 4096;

    /// <summary>How many jobs <see cref="Jobs"/> yields (all attempts).</summary>
    public required long JobCount { get; init; }

    /// <summary>Every attempt of every quantum, produced on demand so a million jobs cost no memory.</summary>
    public required Func<IEnumerable<ScenarioJob>> Jobs { get; init; }
}

/// <param name="Quantum">Attempts of one quantum share it; the monitor's default "drop" mode keeps only the last.</param>
/// <param name="MaxRssKb">kB, as the pilot reports it.</param>
public readonly record struct ScenarioJob(
    long PandaId,
    long Quantum,
    string Status,
    int AttemptNr,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    double CpuSeconds,
    long MaxRssKb,
    JobFailure Failure = JobFailure.None);

/// <summary>
/// What a failed attempt's error fields say (<see cref="PandaJsonShapes.WriteJob"/> writes them as the monitor
/// does). Codes and texts are realistic: pilot codes from PanDA's pilot, messages as Rubin's pipelines print them.
/// </summary>
public enum JobFailure
{
    None,

    /// <summary>pilot 1305 and a pipeline exception already in the sample known-errors file.</summary>
    PipelineKnown,

    /// <summary>pilot 1305 and a Python traceback nobody has filed yet.</summary>
    PipelineNew,

    /// <summary>transexitcode 137 (SIGKILL) with maxrss above the 4 GB request.</summary>
    OutOfMemory,

    /// <summary>pilot 1379, preempted by the batch system.</summary>
    Preempted,

    /// <summary>jobdispatcher 100, lost heartbeat.</summary>
    LostHeartbeat,

    /// <summary>pilot 1099, stage-in failed.</summary>
    StageIn,

    /// <summary>pilot 1213, batch time limit.</summary>
    WallTime,

    /// <summary>pilot 1344 with a diagnostic holding non-ASCII text and a lone escaped surrogate.</summary>
    SiteResource,
}
