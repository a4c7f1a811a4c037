using System.Text.Json.Serialization;

namespace ProdStatus.Engine.Collect.Panda.Wire;

/// <summary>
/// One <c>idds/wfprogress</c> entry. 2022 servers send <c>remaining_files</c>/<c>processed_files</c> and lower-case
/// values; current ones send <c>finished_files</c>/<c>failed_files</c> as percentages of the JEDI files.
/// </summary>
internal sealed class WorkflowProgressDto
{
    [JsonPropertyName("request_id"), JsonConverter(typeof(FlexibleInt64Converter))] public long? RequestId { get; set; }
    [JsonPropertyName("r_name")] public string? Name { get; set; }
    [JsonPropertyName("r_status")] public string? Status { get; set; }
    [JsonPropertyName("created_at"), JsonConverter(typeof(PandaTimeConverter))] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("total_tasks"), JsonConverter(typeof(FlexibleInt64Converter))] public long? TotalTasks { get; set; }
    [JsonPropertyName("tasks_statuses")] public Dictionary<string, long>? TaskStatuses { get; set; }
    [JsonPropertyName("total_files"), JsonConverter(typeof(FlexibleInt64Converter))] public long? TotalFiles { get; set; }
    [JsonPropertyName("remaining_files"), JsonConverter(typeof(FlexibleInt64Converter))] public long? RemainingFiles { get; set; }
    [JsonPropertyName("processed_files"), JsonConverter(typeof(FlexibleInt64Converter))] public long? ProcessedFiles { get; set; }
    [JsonPropertyName("finished_files"), JsonConverter(typeof(FlexibleDoubleConverter))] public double? FinishedFilesPercent { get; set; }
    [JsonPropertyName("failed_files"), JsonConverter(typeof(FlexibleDoubleConverter))] public double? FailedFilesPercent { get; set; }
    [JsonPropertyName("total_jedi_files"), JsonConverter(typeof(FlexibleInt64Converter))] public long? TotalJediFiles { get; set; }
}

/// <summary>One element of <c>tasks/?json</c>.</summary>
internal sealed class TaskDto
{
    [JsonPropertyName("jeditaskid"), JsonConverter(typeof(FlexibleInt64Converter))] public long? JediTaskId { get; set; }
    [JsonPropertyName("taskname")] public string? TaskName { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("reqid"), JsonConverter(typeof(FlexibleInt64Converter))] public long? RequestId { get; set; }
    [JsonPropertyName("creationdate"), JsonConverter(typeof(PandaTimeConverter))] public DateTimeOffset? CreationDate { get; set; }
    [JsonPropertyName("modificationtime"), JsonConverter(typeof(PandaTimeConverter))] public DateTimeOffset? ModificationTime { get; set; }
    [JsonPropertyName("starttime"), JsonConverter(typeof(PandaTimeConverter))] public DateTimeOffset? StartTime { get; set; }
    [JsonPropertyName("endtime"), JsonConverter(typeof(PandaTimeConverter))] public DateTimeOffset? EndTime { get; set; }
    [JsonPropertyName("dsinfo")] public DatasetInfoDto? DatasetInfo { get; set; }
    [JsonPropertyName("nfiles"), JsonConverter(typeof(FlexibleInt64Converter))] public long? NFiles { get; set; }
}

internal sealed class DatasetInfoDto
{
    [JsonPropertyName("nfiles"), JsonConverter(typeof(FlexibleInt64Converter))] public long? NFiles { get; set; }
    [JsonPropertyName("nfilesfinished"), JsonConverter(typeof(FlexibleInt64Converter))] public long? NFilesFinished { get; set; }
    [JsonPropertyName("nfilesfailed"), JsonConverter(typeof(FlexibleInt64Converter))] public long? NFilesFailed { get; set; }
}

/// <summary>
/// One element of <c>jobs/?json</c>'s <c>jobs</c> array. Only what the statistics and the failure causes need is
/// mapped; diagnostics (arbitrary Unicode, even lone surrogates) are read leniently.
/// </summary>
internal sealed class JobDto
{
    [JsonPropertyName("pandaid"), JsonConverter(typeof(FlexibleInt64Converter))] public long? PandaId { get; set; }
    [JsonPropertyName("jobstatus")] public string? Status { get; set; }
    [JsonPropertyName("jobname")] public string? JobName { get; set; }
    [JsonPropertyName("attemptnr"), JsonConverter(typeof(FlexibleInt64Converter))] public long? AttemptNr { get; set; }
    [JsonPropertyName("starttime"), JsonConverter(typeof(PandaTimeConverter))] public DateTimeOffset? StartTime { get; set; }
    [JsonPropertyName("endtime"), JsonConverter(typeof(PandaTimeConverter))] public DateTimeOffset? EndTime { get; set; }
    [JsonPropertyName("durationsec"), JsonConverter(typeof(FlexibleDoubleConverter))] public double? DurationSec { get; set; }
    [JsonPropertyName("cpuconsumptiontime"), JsonConverter(typeof(FlexibleDoubleConverter))] public double? CpuConsumptionTime { get; set; }

    /// <summary>kB (pilot/prmon), in every query shape.</summary>
    [JsonPropertyName("maxrss"), JsonConverter(typeof(FlexibleDoubleConverter))] public double? MaxRssKb { get; set; }

    [JsonPropertyName("maxattempt"), JsonConverter(typeof(FlexibleInt64Converter))] public long? MaxAttempt { get; set; }

    /// <summary>Requested memory, MB.</summary>
    [JsonPropertyName("minramcount"), JsonConverter(typeof(FlexibleDoubleConverter))] public double? MinRamCount { get; set; }

    [JsonPropertyName("piloterrorcode"), JsonConverter(typeof(FlexibleInt64Converter))] public long? PilotErrorCode { get; set; }
    [JsonPropertyName("piloterrordiag"), JsonConverter(typeof(LenientStringConverter))] public string? PilotErrorDiag { get; set; }
    [JsonPropertyName("exeerrorcode"), JsonConverter(typeof(FlexibleInt64Converter))] public long? ExeErrorCode { get; set; }
    [JsonPropertyName("exeerrordiag"), JsonConverter(typeof(LenientStringConverter))] public string? ExeErrorDiag { get; set; }

    /// <summary>Text on the wire (<c>"137"</c>); a number is taken too.</summary>
    [JsonPropertyName("transexitcode"), JsonConverter(typeof(LenientStringConverter))] public string? TransExitCode { get; set; }
    [JsonPropertyName("ddmerrorcode"), JsonConverter(typeof(FlexibleInt64Converter))] public long? DdmErrorCode { get; set; }
    [JsonPropertyName("ddmerrordiag"), JsonConverter(typeof(LenientStringConverter))] public string? DdmErrorDiag { get; set; }
    [JsonPropertyName("brokerageerrorcode"), JsonConverter(typeof(FlexibleInt64Converter))] public long? BrokerageErrorCode { get; set; }
    [JsonPropertyName("brokerageerrordiag"), JsonConverter(typeof(LenientStringConverter))] public string? BrokerageErrorDiag { get; set; }
    [JsonPropertyName("taskbuffererrorcode"), JsonConverter(typeof(FlexibleInt64Converter))] public long? TaskBufferErrorCode { get; set; }
    [JsonPropertyName("taskbuffererrordiag"), JsonConverter(typeof(LenientStringConverter))] public string? TaskBufferErrorDiag { get; set; }
    [JsonPropertyName("superrorcode"), JsonConverter(typeof(FlexibleInt64Converter))] public long? SupErrorCode { get; set; }
    [JsonPropertyName("superrordiag"), JsonConverter(typeof(LenientStringConverter))] public string? SupErrorDiag { get; set; }
    [JsonPropertyName("jobdispatchererrorcode"), JsonConverter(typeof(FlexibleInt64Converter))] public long? JobDispatcherErrorCode { get; set; }
    [JsonPropertyName("jobdispatchererrordiag"), JsonConverter(typeof(LenientStringConverter))] public string? JobDispatcherErrorDiag { get; set; }

    /// <summary>The error fields every jobs query asks for (<c>fields=</c>), failed or not.</summary>
    internal const string ErrorFields = "maxattempt,minramcount,piloterrorcode,piloterrordiag,exeerrorcode,exeerrordiag,transexitcode," +
        "ddmerrorcode,ddmerrordiag,brokerageerrorcode,brokerageerrordiag,taskbuffererrorcode,taskbuffererrordiag," +
        "superrorcode,superrordiag,jobdispatchererrorcode,jobdispatchererrordiag";

    /// <summary>A failed or cancelled job as the classifier sees it; null for any other status.</summary>
    internal Failures.FailedJob? ToFailedJob()
    {
        string? status = Status?.ToLowerInvariant();
        if (status is not ("failed" or "cancelled"))
        {
            return null;
        }
        return new Failures.FailedJob
        {
            PandaId = PandaId ?? 0, Status = status, AttemptNr = AttemptNr ?? 1, MaxAttempt = MaxAttempt,
            PilotErrorCode = PilotErrorCode ?? 0, PilotErrorDiag = PilotErrorDiag, ExeErrorCode = ExeErrorCode ?? 0, ExeErrorDiag = ExeErrorDiag,
            TransExitCode = TransExitCode, DdmErrorCode = DdmErrorCode ?? 0, DdmErrorDiag = DdmErrorDiag,
            BrokerageErrorCode = BrokerageErrorCode ?? 0, BrokerageErrorDiag = BrokerageErrorDiag,
            TaskBufferErrorCode = TaskBufferErrorCode ?? 0, TaskBufferErrorDiag = TaskBufferErrorDiag,
            SupErrorCode = SupErrorCode ?? 0, SupErrorDiag = SupErrorDiag,
            JobDispatcherErrorCode = JobDispatcherErrorCode ?? 0, JobDispatcherErrorDiag = JobDispatcherErrorDiag,
            MaxRssKb = MaxRssKb, MinRamMb = MinRamCount, DurationSeconds = DurationSec,
        };
    }
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(WorkflowProgressDto))]
[JsonSerializable(typeof(TaskDto))]
[JsonSerializable(typeof(JobDto))]
internal sealed partial class PandaJsonContext : JsonSerializerContext;
