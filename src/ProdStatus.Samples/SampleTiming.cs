namespace ProdStatus.Samples;

/// <summary>Timing plots of the sample campaign (<see cref="SampleCampaign"/>): three job names over both in-window workflows.</summary>
public static class SampleTiming
{
    /// <summary>The prep-timing-data / plot-data parameter file, in the original's keys.</summary>
    public const string ParamFile = """
        # Sample prep-timing-data / plot-data parameters (the original's keys)
        Jira: "PREOPS-905"
        collType: "2.2i"
        job_names: ['pipetaskInit', 'visit_detector_1', 'makeWarp']
        bin_width: 900.
        start_at: 0.
        stop_at: 28.
        start_date: '2022-01-15'
        stop_date: '2022-02-01'
        """;
}
