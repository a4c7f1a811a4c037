namespace ProdStatus.Samples;

/// <summary>
/// The bundled sample's submit directory (the PREOPS-905 scenario of the sample campaign): one
/// 2022 run (<c>.qgraph</c>, execution butler) and one current run (<c>.qg</c>), with the pipeline yaml they name.
/// Lets <c>prodstat demo</c> run update-issue with no real submit host.
/// </summary>
public static class SampleSubmitTree
{
    public const string ProductionIssue = "PREOPS-905";
    public const string Run2022 = "20220120T012920Z";
    public const string RunCurrent = "20220121T031850Z";
    private const string Output = "2.2i/runs/DP0.2/v23_0_0_rc5/PREOPS-905";

    /// <summary>Writes the tree under <paramref name="root"/>; returns the submit yaml and the environment it needs.</summary>
    public static (string SubmitYaml, Func<string, string?> Environment) Write(string root)
    {
        string pipelines = Path.Combine(root, "obs_lsst");
        WriteFile(Path.Combine(pipelines, "pipelines", "imsim", "DRP.yaml"),
            "description: DRP for imsim\nsubsets:\n  step1:\n    subset: [isr, characterizeImage, calibrate]\n    description: single-frame processing\n",
            DateTime.UnixEpoch);
        string yaml = Path.Combine(root, "step1_all_1.yaml");
        string submitYaml = """
            project: dp02
            campaign: v23_0_0_rc5/PREOPS-905
            pipelineYaml: "${OBS_LSST_DIR}/pipelines/imsim/DRP.yaml#step1"
            payload:
              payloadName: 2.2i/runs/DP0.2
              output: "{payloadName}/{campaign}"
              butlerConfig: s3://butler-us-central1-panda-dev/dc2/butler-external.yaml
              inCollection: "2.2i/defaults"
              dataQuery: "instrument='LSSTCam-imSim' and skymap='DC2' and exposure >=1472 and exposure <= 1502"
              sw_image: "lsstsqre/centos:7-stack-lsst_distrib-v23_0_0_rc5"

            """;
        var start2022 = new DateTime(2022, 1, 20, 1, 29, 20, DateTimeKind.Utc);
        WriteFile(yaml, submitYaml, start2022);
        WriteRun(root, Run2022, submitYaml, start2022, execButler: true, quanta: 1205);
        WriteRun(root, RunCurrent, submitYaml, new DateTime(2022, 1, 21, 3, 18, 50, DateTimeKind.Utc), execButler: false, quanta: 2410);
        return (yaml, name => name == "OBS_LSST_DIR" ? pipelines : null);
    }

    private static void WriteRun(string root, string ts, string submitYaml, DateTime start, bool execButler, int quanta)
    {
        string uniq = $"{Output.Replace('/', '_')}_{ts}";
        string dir = Path.Combine(root, "submit", Output, ts);
        WriteFile(Path.Combine(dir, "step1_all_1.yaml"), submitYaml, start);
        WriteFile(Path.Combine(dir, uniq + "_config.yaml"),
            $"bps_defined:\n  operator: ehneilsen\n  timestamp: {ts}\n  uniqProcName: {uniq}\ncomputeSite: LSST\n" +
            "cluster:\n  visit_detector_1:\n    pipetasks: isr,characterizeImage,calibrate\n" +
            (execButler ? "executionButler:\n  queue: DOMA_LSST_GOOGLE_MERGE\n" : "finalJob:\n  queue: DOMA_LSST_GOOGLE_MERGE\n"), start);
        WriteFile(Path.Combine(dir, uniq + (execButler ? ".qgraph" : ".qg")), new string('q', execButler ? 2_900_000 : 1_250_000), start.AddMinutes(3));
        WriteFile(Path.Combine(dir, "quantumGraphGeneration.out"), $"QuantumGraph contains {quanta} quanta for 5 tasks, graph ID: 'sample'\n", start.AddMinutes(3));
        if (execButler)
        {
            WriteFile(Path.Combine(dir, "EXEC_REPO-" + uniq, "gen3.sqlite3"), new string('b', 6_700_000), start.AddMinutes(9));
        }
    }

    private static void WriteFile(string path, string text, DateTime mtimeUtc)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, mtimeUtc);
    }
}
