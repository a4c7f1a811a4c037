using System.Text;

namespace ProdStatus.Testing.Drp;

/// <summary>
/// Builds BPS submit trees like the real ones: the 2022 layout (<c>.qgraph</c>, execution
/// butler) and the current one (<c>.qg</c>, no execution butler), plus a pipeline yaml with <c>subsets</c>.
/// </summary>
public sealed class SubmitTreeBuilder : IDisposable
{
    public const string Output = "2.2i/runs/DP0.2/v23_0_0_rc5/PREOPS-905";
    public const string Ts2022 = "20220120T012920Z";
    public const string TsCurrent = "20220121T031850Z";

    public SubmitTreeBuilder()
    {
        Root = Directory.CreateTempSubdirectory("prodstat-submit-").FullName;
        PipelineDir = Path.Combine(Root, "obs_lsst");
        Directory.CreateDirectory(Path.Combine(PipelineDir, "pipelines", "imsim"));
        File.WriteAllText(Path.Combine(PipelineDir, "pipelines", "imsim", "DRP.yaml"), """
            description: DRP for imsim
            tasks:
              isr: lsst.ip.isr.IsrTask
            subsets:
              step1:
                subset:
                  - isr
                  - characterizeImage
                  - calibrate
                description: single-frame processing
              step2: [consolidateVisitSummary, makeVisitTable]
            """);
    }

    public string Root { get; }

    /// <summary>Value for <c>${OBS_LSST_DIR}</c>.</summary>
    public string PipelineDir { get; }

    public string YamlPath => Path.Combine(Root, "step1_all_1.yaml");

    /// <summary>Where the runs live under <c>submit/</c> (payload.output with its placeholders filled).</summary>
    public string OutputRelative { get; private set; } = Output;

    public string UniqProcName(string ts) => $"{OutputRelative.Replace('/', '_')}_{ts}";

    /// <summary>The user's submit yaml (CRLF line ends and a Latin-1 byte in a comment, as real ones have).</summary>
    /// <param name="resolvedOutput">Where BPS put the runs when <paramref name="output"/> uses placeholders the yaml lacks.</param>
    public SubmitTreeBuilder WithSubmitYaml(bool withSwImage = true, string output = "{payloadName}/{campaign}", string? resolvedOutput = null)
    {
        OutputRelative = resolvedOutput ?? Output;
        string text = $"""
            # r{'\u00e9'}sum{'\u00e9'} of the step1 run
            includeConfigs:
            - requestMemory.yaml
            project: dp02
            campaign: v23_0_0_rc5/PREOPS-905
            pipelineYaml: "{"${OBS_LSST_DIR}"}/pipelines/imsim/DRP.yaml#step1"
            payload:
              payloadName: 2.2i/runs/DP0.2
              output: "{output}"
              butlerConfig: s3://butler-us-central1-panda-dev/dc2/butler-external.yaml
              inCollection: "2.2i/defaults"
              dataQuery: "instrument='LSSTCam-imSim' and skymap='DC2' and exposure >=1472 and exposure <= 1502"
            {(withSwImage ? "  sw_image: \"lsstsqre/centos:7-stack-lsst_distrib-v23_0_0_rc5\"\n" : "")}
            """.Replace("\n", "\r\n", StringComparison.Ordinal);
        File.WriteAllBytes(YamlPath, Encoding.Latin1.GetBytes(text));
        return this;
    }

    public SubmitTreeBuilder With2022Run(string ts = Ts2022)
    {
        string dir = RunDir(ts);
        string uniq = UniqProcName(ts);
        var start = new DateTime(2022, 1, 20, 1, 29, 20, DateTimeKind.Utc);
        Write(Path.Combine(dir, "step1_all_1.yaml"), File.ReadAllText(YamlPath, Encoding.Latin1), start);
        Write(Path.Combine(dir, uniq + "_config.yaml"), Config(ts, uniq, execButler: true), start);
        Write(Path.Combine(dir, uniq + ".qgraph"), new string('q', 2_900_000), start.AddMinutes(3));
        Write(Path.Combine(dir, "quantumGraphGeneration.out"),
            "lsst.ctrl.mpexec.cmdLineFwk INFO: QuantumGraph contains 1205 quanta for 5 tasks, graph ID: '1643316690.0642657-2358'\n", start.AddMinutes(3));
        Write(Path.Combine(dir, "EXEC_REPO-" + uniq, "gen3.sqlite3"), new string('b', 6_700_000), start.AddMinutes(9));
        return this;
    }

    public SubmitTreeBuilder WithCurrentRun(string ts = TsCurrent)
    {
        string dir = RunDir(ts);
        string uniq = UniqProcName(ts);
        var start = new DateTime(2022, 1, 21, 3, 18, 50, DateTimeKind.Utc);
        Write(Path.Combine(dir, "step1_all_1.yaml"), File.ReadAllText(YamlPath, Encoding.Latin1), start);
        Write(Path.Combine(dir, uniq + "_config.yaml"), Config(ts, uniq, execButler: false), start);
        Write(Path.Combine(dir, uniq + ".qg"), new string('g', 1_250_000), start.AddMinutes(12));
        Write(Path.Combine(dir, uniq + ".env.info.yaml"), "env: {}\n", start);
        Write(Path.Combine(dir, "quantumGraphGeneration.out"),
            "INFO 2022-01-21T03:30:50.357+00:00 ctrl.mpexec.cmdLineFwk ()(cmdLineFwk.py:580) - QuantumGraph contains 2410 quanta for 5 tasks, graph ID: 'x'\n" +
            "QuantumGraph contains 2410 quanta for 5 tasks, graph ID: 'x'\n", start.AddMinutes(12));
        Directory.CreateDirectory(Path.Combine(OutputDir, "notes"));
        return this;
    }

    public string OutputDir => Path.Combine(Root, "submit", OutputRelative);

    private string RunDir(string ts) => Path.Combine(OutputDir, ts);

    private static string Config(string ts, string uniq, bool execButler) => $"""
        bps_defined:
          operator: ehneilsen
          submitPath: /submit/{ts}
          timestamp: {ts}
          uniqProcName: {uniq}
        campaign: v23_0_0_rc5/PREOPS-905
        computeSite: LSST
        iddsServer: https://idds.example.org/idds
        cluster:
          visit_detector_1:
            pipetasks: isr,characterizeImage,calibrate
            dimensions: visit,detector
        {(execButler ? "executionButler:\n  queue: DOMA_LSST_GOOGLE_MERGE\n" : "finalJob:\n  queue: DOMA_LSST_GOOGLE_MERGE\n")}
        """;

    private static void Write(string path, string text, DateTime mtimeUtc)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, mtimeUtc);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
