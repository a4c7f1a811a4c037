using System.Text.Json;
using ProdStatus.Engine.Collect.Panda.Wire;
using ProdStatus.Engine.Failures;
using ProdStatus.Samples;

namespace ProdStatus.Engine.Tests.Failures;

/// <summary>Error fields read from job objects in both monitor generations, as the simulator writes them.</summary>
public sealed class JobErrorFieldsTests
{
    private static JobDto Read(JobFailure failure, PandaFlavour flavour, string status = "failed", int attempt = 3)
    {
        var task = new ScenarioTask
        {
            JediTaskId = 8810, RequestId = 701, TaskName = "x_calibrate_701_6800", Status = "done", CreatedAt = DateTimeOffset.UnixEpoch,
            NFiles = 1, JobCount = 1, Flavour = flavour, Jobs = () => [],
        };
        long rss = failure == JobFailure.OutOfMemory ? 4_404_019 : 2_000_000;
        var job = new ScenarioJob(5_812_771, 0, status, attempt, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(5), 10, rss, failure);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            PandaJsonShapes.WriteJob(writer, task, job, fields: null, maxPssAsMegabytes: true);
        }
        return JsonSerializer.Deserialize(buffer.ToArray(), PandaJsonContext.Default.JobDto)!;
    }

    [Theory]
    [InlineData(JobFailure.PipelineKnown, FailureCause.Pipeline, "pilot 1305", "ValueError: cannot convert float NaN to integer")]
    [InlineData(JobFailure.PipelineNew, FailureCause.Pipeline, "pilot 1305", "KeyError: 'coord_ra'")]
    [InlineData(JobFailure.OutOfMemory, FailureCause.OutOfMemory, "trans 137", "Transform received signal SIGKILL")]
    [InlineData(JobFailure.Preempted, FailureCause.Preempted, "pilot 1379", "Job was preempted")]
    [InlineData(JobFailure.LostHeartbeat, FailureCause.Site, "jobdispatcher 100", "lost heartbeat")]
    [InlineData(JobFailure.StageIn, FailureCause.StageInOut, "pilot 1099", "Failed to stage-in file")]
    [InlineData(JobFailure.WallTime, FailureCause.WallTime, "pilot 1213", "Reached batch system time limit")]
    [InlineData(JobFailure.SiteResource, FailureCause.Site, "pilot 1344", "Resource temporarily unavailable über")]
    public void SampleFailure_ReadInBothShapes_ClassifiesAsItsCause(JobFailure failure, FailureCause cause, string code, string message)
    {
        foreach (var flavour in new[] { PandaFlavour.Legacy2022, PandaFlavour.Current })
        {
            var job = Read(failure, flavour).ToFailedJob()!;
            var result = FailureRules.Default.Classify(job);

            Assert.Equal((cause, code), (result.Cause, result.Code));
            Assert.Contains(message, result.Message, StringComparison.Ordinal);
            Assert.True(job.IsFinal);
            Assert.Equal(4096, job.MinRamMb);
        }
    }

    [Fact]
    public void LoneSurrogateInADiagnostic_ReadsAsReplacementCharacter()
    {
        var dto = Read(JobFailure.SiteResource, PandaFlavour.Current);

        Assert.EndsWith("überlastet – ☃ \uFFFD", dto.PilotErrorDiag, StringComparison.Ordinal);
    }

    [Fact]
    public void FinishedJob_IsNoFailure_AndAnEarlyAttemptIsNotFinal()
    {
        Assert.Null(Read(JobFailure.None, PandaFlavour.Current, status: "finished").ToFailedJob());
        Assert.False(Read(JobFailure.Preempted, PandaFlavour.Current, attempt: 1).ToFailedJob()!.IsFinal);
        Assert.True(Read(JobFailure.None, PandaFlavour.Current, status: "cancelled", attempt: 1).ToFailedJob()!.IsFinal);
    }
}
