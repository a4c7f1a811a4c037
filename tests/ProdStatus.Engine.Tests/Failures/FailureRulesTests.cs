using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Failures;

namespace ProdStatus.Engine.Tests.Failures;

/// <summary>One realistic failed-job record per rule of failure-rules.yaml (error fields as the monitor returns them).</summary>
public sealed class FailureRulesTests
{
    private const double Request = 4096; // minramcount, MB

    private static FailedJob Job(long pilot = 0, string? pilotDiag = null, string trans = "0", long exe = 0, string? exeDiag = null,
        double rssGb = 2.0, string status = "failed") => new()
    {
        PandaId = 5_812_771, Status = status, AttemptNr = 1, MaxAttempt = 3, PilotErrorCode = pilot, PilotErrorDiag = pilotDiag,
        TransExitCode = trans, ExeErrorCode = exe, ExeErrorDiag = exeDiag, MaxRssKb = rssGb * 1024 * 1024, MinRamMb = Request,
    };

    public static TheoryData<string, FailedJob, FailureCause> Cases => new()
    {
        { "cancelled", Job(status: "cancelled"), FailureCause.Preempted },
        { "pilot-preemption", Job(1379, "Job was preempted"), FailureCause.Preempted },
        { "pilot-kill-signal", Job(1201, "Job killed by signal: SIGTERM"), FailureCause.Preempted },
        { "panda-server-kill", Job(1144, "This job was killed by panda server"), FailureCause.Preempted },
        { "pilot-out-of-memory", Job(1212, "Payload ran out of memory"), FailureCause.OutOfMemory },
        { "oom-message", Job(1305, "Failed to execute payload:std::bad_alloc"), FailureCause.OutOfMemory },
        { "sigkill-near-memory-request", Job(pilotDiag: "Transform received signal SIGKILL", trans: "137", rssGb: 3.9), FailureCause.OutOfMemory },
        { "rss-above-request", Job(trans: "0", rssGb: 4.4) with { TaskBufferErrorCode = 0 }, FailureCause.OutOfMemory },
        { "pilot-time-limit", Job(1213, "Reached batch system time limit"), FailureCause.WallTime },
        { "looping-job", Job(1150, "Looping job killed by pilot"), FailureCause.WallTime },
        { "time-limit-message", Job(pilotDiag: "slurmstepd: error: *** JOB 504812 ON sdfrome003 CANCELLED DUE TO TIME LIMIT ***"), FailureCause.WallTime },
        { "sigxcpu-exit", Job(trans: "152"), FailureCause.WallTime },
        { "pilot-stage-in", Job(1099, "Failed to stage-in file: s3://rubin/raw/1228.fits: connection reset"), FailureCause.StageInOut },
        { "pilot-stage-out", Job(1137, "Failed to stage-out file: gfal-copy error: 70"), FailureCause.StageInOut },
        { "ddm-error", Job() with { DdmErrorCode = 200, DdmErrorDiag = "Could not add files to DDM" }, FailureCause.StageInOut },
        { "missing-input-message", Job(exe: 0, pilotDiag: "FileNotFoundError: [Errno 2] No such file or directory: '/sdf/data/rubin/repo/main/u/x.fits'"), FailureCause.StageInOut },
        { "pilot-site-problem", Job(1098, "too little space left on local disk to run job: 1073741824 B (need > 5368709120 B)"), FailureCause.Site },
        { "container-runtime", Job(1306, "Singularity/Apptainer: general failure"), FailureCause.Site },
        { "lost-heartbeat", Job() with { JobDispatcherErrorCode = 100, JobDispatcherErrorDiag = "lost heartbeat" }, FailureCause.Site },
        { "server-side", Job() with { TaskBufferErrorCode = 102, TaskBufferErrorDiag = "expired in pending. status unchanged" }, FailureCause.Site },
        { "general-pilot-error", Job(1008, "General pilot error, consult batch log"), FailureCause.Site },
        { "payload-failure", Job(1305, "Failed to execute payload:No matches to use for photocal", "1", 1,
            "Execution of task 'calibrate' on quantum {instrument: 'HSC', visit: 1228} failed. Exception RuntimeError: No matches to use for photocal"),
            FailureCause.Pipeline },
        { "traceback-message", Job(pilotDiag: "Traceback (most recent call last):\n  File \"x.py\", line 3, in run\nKeyError: 'coord_ra'"), FailureCause.Pipeline },
        { "sigkill-exit", Job(trans: "137", pilotDiag: "Transform received signal SIGKILL", rssGb: 1.2), FailureCause.Preempted },
        { "payload-exit-code", Job(trans: "134"), FailureCause.Pipeline },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_RealisticRecord_MatchesItsRule(string rule, FailedJob job, FailureCause cause)
    {
        var result = FailureRules.Default.Classify(job);

        Assert.Equal(rule, result.Rule);
        Assert.Equal(cause, result.Cause);
    }

    [Fact]
    public void EveryRuleInTheFile_HasATest()
    {
        var tested = Cases.Select(row => row.Data.Item1).ToHashSet();
        var untested = FailureRules.Default.Rules.Select(r => r.Name).Except(tested).ToList();

        Assert.True(untested.Count == 0, "rules without a test: " + string.Join(", ", untested));
    }

    [Fact]
    public void PipelineError_KeepsThePythonExceptionLine()
    {
        var job = Job(1305, "Failed to execute payload", "1", 1,
            "Traceback (most recent call last):\n  File \"/opt/lsst/pipe_base/connections.py\", line 512\n    ra = cat['coord_ra']\nlsst.pex.exceptions.wrappers.InvalidParameterError: Cannot compute CoaddPsf at point (1.0, 2.0)");

        var result = FailureRules.Default.Classify(job);

        Assert.Equal(FailureCause.Pipeline, result.Cause);
        Assert.Equal("lsst.pex.exceptions.wrappers.InvalidParameterError: Cannot compute CoaddPsf at point (1.0, 2.0)", result.Message);
        Assert.Equal("pilot 1305", result.Code);
    }

    [Fact]
    public void NoRuleMatches_UnknownKeepsTheCode()
    {
        var result = FailureRules.Default.Classify(Job(1999, "something new"));

        Assert.Equal(FailureCause.Unknown, result.Cause);
        Assert.Equal("pilot 1999", result.Code);
        Assert.Equal("something new", result.Message);
    }

    [Fact]
    public void UncertainRules_SayWhy()
    {
        var result = FailureRules.Default.Classify(Job(trans: "137", rssGb: 1.0));

        Assert.Contains("OOM killer", result.Uncertain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules:\n  - name: a\n    cause: melted\n    status: [failed]\n", "rule 'a': cause 'melted' is not one of")]
    [InlineData("rules:\n  - name: a\n    cause: site\n", "rule 'a': a rule needs at least one of")]
    [InlineData("rules:\n  - name: a\n    cause: site\n    codes: { pilot: [12x] }\n", "rule 'a': codes.pilot: '12x' is not a number")]
    [InlineData("rules:\n  - name: a\n    cause: site\n    codes: { batch: [1] }\n", "rule 'a': code source 'batch' is not one of")]
    [InlineData("rules:\n  - name: a\n    cause: site\n    diag: \"(\"\n", "rule 'a': diag is not a valid regular expression")]
    [InlineData("rules: []\nfoo: [\n", "my-rules.yaml: line")]
    public void Parse_BadRules_OneLineErrorNamingFileAndRule(string yaml, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => FailureRules.Parse("my-rules.yaml", yaml));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("my-rules.yaml:", ex.Message, StringComparison.Ordinal);
    }
}
