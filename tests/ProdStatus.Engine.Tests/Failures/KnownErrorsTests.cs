using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Failures;
using ProdStatus.Samples;

namespace ProdStatus.Engine.Tests.Failures;

/// <summary>The known-errors file in cm_tools' error_code_decisions.yaml format: every shape the real file uses.</summary>
public sealed class KnownErrorsTests
{
    // Entries in the shapes of the real file: a folded '>' diagMessage with {.*} and (.*), a quoted one, an empty
    // function, ticket lists of one and many, a scalar ticket, and a pattern .NET cannot compile as a regex.
    private const string File = """
        description: Lookup table for error codes from PanDA and error logs from science pipelines (test copy).

        pandaErrorCode:
            trans, 1:
                p_no_use_for_photocal:
                    diagMessage: >
                        Execution of task 'calibrate' on quantum {.*} failed. Exception
                        RuntimeError: No matches to use for photocal
                    function: calibrate
                    known: 1
                    ticket: ["DM-37483", "DM-37089"]
                    resolved: 0
                    rescue: 0
                    panda: 0
                    intensity: 0.001
                p_fwhm:
                    diagMessage: >
                        Execution of task 'calibrate' on quantum {.*} failed. Exception
                        ValueError: PSF at (.*) has an invalid FWHM value of nan
                    function: calibrate
                    known: 1
                    ticket: ["DM-37089"]
                    resolved: 0
                    rescue: 0
                    panda: 0
                    intensity: 0.001
            taskbuffer, 102:
                expired_in_pending:
                    diagMessage: "expired in pending. status unchanged"
                    function:
                    known: 1
                    ticket: ["DM-37089"]
                    resolved: 0
                    rescue: 1
                    panda: 1
                    intensity: 0
            pilot, 1305:
                kernel_does_not_exist:
                    diagMessage: "Original kernel does not exist {0}; Visiting candidate {1}{{}}"
                    function: subtractImages
                    known: 1
                    ticket: DM-36265
                    resolved: 0
                    rescue: 0
                    panda: 0
                    intensity: 0.001
        """;

    private static FailedJob Trans1(string exeDiag) => new() { PandaId = 1, TransExitCode = "1", ExeErrorCode = 1, ExeErrorDiag = exeDiag };

    [Fact]
    public void Parse_EveryShapeOfTheRealFile()
    {
        var known = KnownErrors.Parse("known.yaml", File);

        Assert.Equal(["p_no_use_for_photocal", "p_fwhm", "expired_in_pending", "kernel_does_not_exist"], known.Entries.Select(e => e.Name));
        var photocal = known.Entries[0];
        Assert.Equal(("trans", 1L), (photocal.Source, photocal.Code));
        Assert.Equal("Execution of task 'calibrate' on quantum {.*} failed. Exception RuntimeError: No matches to use for photocal", photocal.DiagMessage);
        Assert.Equal(["DM-37483", "DM-37089"], photocal.Tickets);
        Assert.Equal("calibrate", photocal.Function);
        Assert.False(photocal.Rescue);
        var pending = known.Entries[2];
        Assert.Null(pending.Function);
        Assert.True(pending.Rescue);
        Assert.True(pending.Panda);
        Assert.Equal(["DM-36265"], known.Entries[3].Tickets);
    }

    [Fact]
    public void Match_FoldedPatternWithWildcards_MatchesAWrappedDiagnostic()
    {
        var known = KnownErrors.Parse("known.yaml", File);
        var job = Trans1("Execution of task 'calibrate' on quantum {instrument: 'HSC', detector: 42, visit: 1228}\nfailed. Exception ValueError: PSF at (1024.5, 2048.0) has an invalid FWHM value of nan");

        var hit = known.Match(job);

        Assert.Equal("p_fwhm", hit?.Name);
        Assert.Equal("known (DM-37089)", hit?.Label);
    }

    [Fact]
    public void Match_PatternThatIsNoRegex_MatchesAsLiteralText()
    {
        var known = KnownErrors.Parse("known.yaml", File);
        var job = new FailedJob { PilotErrorCode = 1305, PilotErrorDiag = "Failed to execute payload:Original kernel does not exist {0}; Visiting candidate {1}{{}}" };

        Assert.Equal("kernel_does_not_exist", known.Match(job)?.Name);
    }

    [Fact]
    public void Match_RightTextWrongCode_IsNew()
    {
        var known = KnownErrors.Parse("known.yaml", File);
        var job = new FailedJob { TaskBufferErrorCode = 300, TaskBufferErrorDiag = "expired in pending. status unchanged" };

        Assert.Null(known.Match(job));
        Assert.Equal("new", KnownError.LabelFor(null, []));
        Assert.Equal("known (DM-37089)", known.Match(job with { TaskBufferErrorCode = 102 })?.Label);
    }

    [Fact]
    public void SampleFile_ParsesAndLabelsTheSampleFailures()
    {
        var known = KnownErrors.Parse("sample-known-errors.yaml", SampleCampaign.KnownErrorsYaml());
        var job = new FailedJob { PilotErrorCode = 1305, PilotErrorDiag = "Failed to execute payload:cannot convert float NaN to integer" };

        Assert.Equal("calibrate_nan_to_int", known.Match(job)?.Name);
        Assert.Contains(known.Entries, e => e.Name == "resource_temporarily_unavailable" && e.Tickets.SequenceEqual(["DM-36066"]));
    }

    [Theory]
    [InlineData("description: x\n", "known.yaml: 'pandaErrorCode' is missing")]
    [InlineData("pandaErrorCode:\n  pilot 1305:\n    a:\n      diagMessage: x\n", "known.yaml: pandaErrorCode key 'pilot 1305' is not '<source>, <code>'")]
    [InlineData("pandaErrorCode:\n  pilot, 1305:\n    a:\n      function: f\n", "known.yaml: pandaErrorCode.'pilot, 1305'.a: 'diagMessage' is required")]
    [InlineData("pandaErrorCode:\n  pilot, 1305:\n    a:\n      diagMessage: x\n      rescue: maybe\n", "known.yaml: pandaErrorCode.'pilot, 1305'.a: 'rescue' must be 0 or 1")]
    [InlineData("pandaErrorCode: [\n", "known.yaml: line")]
    public void Parse_BadFile_OneLineErrorNamingTheEntry(string yaml, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => KnownErrors.Parse("known.yaml", yaml));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
