using ProdStatus.Samples;

namespace ProdStatus.Engine.IntegrationTests.Timing;

/// <summary>
/// A workflow with an <c>isr</c> task that is still running when first read — one job running, one not yet started —
/// and finished later; plus a <c>visit_isr</c> task (a substring match would count its jobs as isr) and pipetaskInit.
/// </summary>
internal sealed class TimingScenario
{
    public static readonly DateTimeOffset T0 = new(2022, 1, 20, 1, 0, 0, TimeSpan.Zero);
    public const string Name = "u_ops_PREOPS-905_isrtest_20220120T005500Z";
    public const string ParamFile = """
        Jira: PREOPS-905
        collType: isrtest
        job_names: [isr]
        bin_width: 600
        start_date: '2022-01-20'
        stop_date: '2022-01-20'
        """;

    private readonly List<ScenarioWorkflow> _workflows = [];

    public TimingScenario()
    {
        Scenario = new PandaScenario { Workflows = _workflows, Now = T0.AddDays(1) };
        SetPhase(later: false);
    }

    public PandaScenario Scenario { get; }

    /// <summary>Before: isr running (job 2 running, job 3 not started). Later: all three finished, the task done.</summary>
    public void SetPhase(bool later)
    {
        var j1 = new ScenarioJob(101, 0, "finished", 1, T0.AddMinutes(10), T0.AddMinutes(30), 100, 1000);
        var j2 = later
            ? new ScenarioJob(102, 1, "finished", 1, T0.AddMinutes(20), T0.AddMinutes(60), 100, 1000)
            : new ScenarioJob(102, 1, "running", 1, T0.AddMinutes(20), null, 0, 0);
        var j3 = later
            ? new ScenarioJob(103, 2, "finished", 1, T0.AddMinutes(120), T0.AddMinutes(150), 100, 1000)
            : new ScenarioJob(103, 2, "activated", 1, null, null, 0, 0);
        ScenarioJob[] isrJobs = [j1, j2, j3];
        var isr = new ScenarioTask
        {
            JediTaskId = 9002, RequestId = 800, TaskName = $"{Name}_02_isr_01_800_6802", Status = later ? "done" : "running",
            CreatedAt = T0, Start = T0.AddMinutes(9), End = later ? T0.AddMinutes(150) : null, NFiles = 3,
            NFilesFinished = later ? 3 : 1, JobCount = 3, Jobs = () => isrJobs,
        };
        _workflows.Clear();
        _workflows.Add(new ScenarioWorkflow
        {
            RequestId = 800, Name = Name, Status = later ? "Finished" : "Transforming", CreatedAt = T0.AddMinutes(-5),
            Tasks = [Init(), isr, VisitIsr()],
        });
    }

    private static ScenarioTask Init() => Done(9001, $"{Name}_01_pipetaskInit_01_800_6801",
        new ScenarioJob(100, 0, "finished", 1, T0.AddMinutes(1), T0.AddMinutes(5), 10, 100));

    private static ScenarioTask VisitIsr() => Done(9003, $"{Name}_03_visit_isr_01_800_6803",
        new ScenarioJob(200, 0, "finished", 1, T0.AddMinutes(11), T0.AddMinutes(40), 10, 100),
        new ScenarioJob(201, 1, "finished", 1, T0.AddMinutes(12), T0.AddMinutes(41), 10, 100));

    private static ScenarioTask Done(long id, string name, params ScenarioJob[] jobs) => new()
    {
        JediTaskId = id, RequestId = 800, TaskName = name, Status = "done", CreatedAt = T0, Start = jobs.Min(j => j.Start),
        End = jobs.Max(j => j.End), NFiles = jobs.Length, NFilesFinished = jobs.Length, JobCount = jobs.Length, Jobs = () => jobs,
    };
}
