namespace ProdStatus.Samples;

/// <summary>
/// The bundled sample campaign: ticket PREOPS-905, a finished 2022-shaped workflow, a
/// subfinished current-shaped one with chunked, failed and retried tasks, one outside the window, one of another
/// ticket and one name without a timestamp. Fully deterministic.
/// </summary>
public static class SampleCampaign
{
    public const string Jira = "PREOPS-905";

    public static readonly DateTimeOffset MonitorNow = new(2022, 3, 2, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The get-panda-stat parameter file that selects the campaign's two in-window workflows.</summary>
    public const string ParamFile = """
        # Sample get-panda-stat parameters (the original's keys)
        Jira: PREOPS-905
        collTypes: ["2.2i"]
        maxtask: 0
        start_date: '2022-01-15'
        stop_date: '2022-02-01'
        workNames: ''
        """;

    /// <summary>The sample known-errors file (cm_tools' <c>error_code_decisions.yaml</c> format) for this campaign.</summary>
    public static string KnownErrorsYaml()
    {
        using var stream = typeof(SampleCampaign).Assembly.GetManifestResourceStream("ProdStatus.Samples.sample-known-errors.yaml")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static PandaScenario Create()
    {
        const string prefix = "2.2i_runs_DP0.2_v23_0_0_rc5_PREOPS-905_";
        var a = Workflow(700, prefix + "20220120T012920Z", "Finished", At(2022, 1, 20, 1, 33, 10), PandaFlavour.Legacy2022, 8801,
        [
            new("pipetaskInit", 1, 120, 0.6),
            new("visit_detector_1", 120, 610, 2.4),
            new("consolidateVisitSummary", 12, 95, 1.1),
            new("makeWarp", 60, 1450, 5.8),
            new("compute_object_epochs", 20, 240, 1.6),
            new("mergeExecutionButler", 1, 900, 3.2),
        ]);
        var b = Workflow(701, prefix + "20220121T031850Z", "SubFinished", At(2022, 1, 21, 3, 22, 41), PandaFlavour.Current, 8810,
        [
            new("pipetaskInit", 1, 130, 0.6),
            new("visit_detector_1", 90, 640, 2.5, Chunk: 1),
            new("visit_detector_1", 90, 655, 2.6, Chunk: 2),
            new("consolidateVisitSummary", 9, 100, 1.2, RetryFraction: 0.2, FailFraction: 0.12, Status: "finished"),
            new("makeWarp", 45, 1500, 6.1, RetryFraction: 0.15),
            new("compute_object_epochs", 15, 260, 1.7, FailFraction: 1, Status: "failed", FinalFailure: JobFailure.PipelineNew),
            new("finalJob", 1, 700, 2.9),
        ]);
        var c = Workflow(702, prefix + "20220301T000000Z", "Transforming", At(2022, 3, 1, 0, 2, 0), PandaFlavour.Current, 8830,
            [new("pipetaskInit", 1, 130, 0.6, Status: "done"), new("visit_detector_1", 50, 600, 2.4, Status: "running")]);
        var other = Workflow(703, "u_someone_PREOPS-910_20220121T041354Z", "Finished", At(2022, 1, 21, 4, 15, 1), PandaFlavour.Current, 8840,
            [new("isr", 10, 300, 1.0)]);
        var untimed = Workflow(704, prefix + "step1_w_2022_05", "Finished", At(2022, 1, 24, 12, 44, 38), PandaFlavour.Current, 8850,
            [new("isr", 4, 300, 1.0)]);
        return new PandaScenario { Workflows = [a, b, c, other, untimed], Now = MonitorNow };
    }

    /// <summary>A synthetic campaign for benchmarks: <paramref name="tasks"/> tasks spread over workflows of 100 tasks.</summary>
    public static PandaScenario Large(int tasks, int jobsPerTask, DateTimeOffset now)
    {
        var workflows = new List<ScenarioWorkflow>();
        for (int w = 0; w * 100 < tasks; w++)
        {
            var created = new DateTimeOffset(2022, 1, 16, 0, 0, 0, TimeSpan.Zero).AddHours(w);
            var specs = Enumerable.Range(0, Math.Min(100, tasks - (w * 100)))
                .Select(i => new TaskSpec($"label{i:000}", jobsPerTask, 300 + i, 1.5, RetryFraction: 0.05)).ToList();
            workflows.Add(Workflow(10_000 + w, $"bench_PREOPS-905_{created.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}", "Finished", created,
                PandaFlavour.Current, 1_000_000 + (w * 1000), specs));
        }
        return new PandaScenario { Workflows = workflows, Now = now };
    }

    /// <summary>One workflow whose single task has <paramref name="jobs"/> jobs (the memory benchmark).</summary>
    public static PandaScenario HugeTask(int jobs, DateTimeOffset now)
    {
        var created = new DateTimeOffset(2022, 1, 20, 0, 0, 0, TimeSpan.Zero);
        var wf = Workflow(20_000, "huge_PREOPS-905_20220120T000000Z", "Finished", created, PandaFlavour.Current, 5_000_000_000,
            [new("visit_detector_1", jobs, 400, 2.0, Parallel: 5000)]);
        return new PandaScenario { Workflows = [wf], Now = now };
    }

    private static ScenarioWorkflow Workflow(long requestId, string name, string status, DateTimeOffset created, PandaFlavour flavour,
        long firstTaskId, IReadOnlyList<TaskSpec> specs)
    {
        var tasks = new List<ScenarioTask>();
        var start = created.AddMinutes(4);
        for (int i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            long taskId = firstTaskId + i;
            string taskName = flavour == PandaFlavour.Legacy2022
                ? $"{name}_{spec.Label}_{requestId}_{6700 + i}"
                : $"{name}_{i + 1:00}_{spec.Label}_{spec.Chunk:00}_{requestId}_{6800 + i}";
            tasks.Add(SampleTasks.Build(taskId, requestId, taskName, spec, start, flavour, seed: (ulong)(taskId * 7919)));
            // Init first, the final job last, the rest overlapping.
            start = i == 0 ? start.AddMinutes(3) : start.AddMinutes(7);
        }
        return new ScenarioWorkflow { RequestId = requestId, Name = name, Status = status, CreatedAt = created, Flavour = flavour, Tasks = tasks };
    }

    private static DateTimeOffset At(int y, int mo, int d, int h, int mi, int s) => new(y, mo, d, h, mi, s, TimeSpan.Zero);
}

/// <summary>How one sample task behaves.</summary>
/// <param name="WallSeconds">Typical wall time of one job.</param>
/// <param name="RetryFraction">Quanta whose first attempt fails and second succeeds.</param>
/// <param name="FailFraction">Quanta that fail all three attempts.</param>
/// <param name="FinalFailure">Why quanta that fail all attempts fail (retried attempts fail for transient causes).</param>
public sealed record TaskSpec(
    string Label,
    int Quanta,
    double WallSeconds,
    double RssGb,
    double RetryFraction = 0,
    double FailFraction = 0,
    string Status = "done",
    int Chunk = 1,
    int Parallel = 40,
    JobFailure FinalFailure = JobFailure.PipelineKnown);
