namespace ProdStatus.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_WritesDeterministicOutputs_WithNoNetworkOrCredentials()
    {
        string root = CliRun.TempDir();
        var settings = CliRun.Settings(root);
        var first = await CliRun.RunAsync(settings, "demo", "--out", Path.Combine(root, "one"));
        var second = await CliRun.RunAsync(settings, "demo", "--out", Path.Combine(root, "two"));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        string[] expected =
        [
            "pandaStat-PREOPS-905.csv", "pandaStat-PREOPS-905.html", "pandaStat-PREOPS-905.png", "pandaStat-PREOPS-905.txt",
            "pandaWfStat-PREOPS-905.csv", "pandaWfStat-PREOPS-905.html", "pandaWfStat-PREOPS-905.png", "pandaWfStat-PREOPS-905.txt",
            "pandaErrors-PREOPS-905.csv", "pandaErrors-PREOPS-905.html", "pandaErrors-PREOPS-905.txt",
            "card-PREOPS-905.json", "slack-PREOPS-905.json", "summary-PREOPS-905.pdf",
            "butlerStat-PREOPS-905.csv", "butlerStat-PREOPS-905.html", "butlerStat-PREOPS-905.png", "butlerStat-PREOPS-905.txt",
            "panda_time_series_makeWarp.csv", "panda_time_series_pipetaskInit.csv", "panda_time_series_visit_detector_1.csv",
            "timing-PREOPS-905.png", "timing_makeWarp.png", "timing_pipetaskInit.png", "timing_visit_detector_1.png",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(Path.Combine(root, "one", "outputs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllText(Path.Combine(root, "one", "outputs", "pandaStat-PREOPS-905.csv")),
            File.ReadAllText(Path.Combine(root, "two", "outputs", "pandaStat-PREOPS-905.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(root, "one", "outputs", "pandaErrors-PREOPS-905.csv")),
            File.ReadAllText(Path.Combine(root, "two", "outputs", "pandaErrors-PREOPS-905.csv")));
        Assert.Contains("calibrate_nan_to_int,DM-37089", File.ReadAllText(Path.Combine(root, "one", "outputs", "pandaErrors-PREOPS-905.csv")), StringComparison.Ordinal);
        string table = File.ReadAllText(Path.Combine(root, "one", "outputs", "pandaStat-PREOPS-905.txt"));
        Assert.StartsWith(" Panda campaign statistics PREOPS-905\npandaStat\n||Workflow Task||quanta||", table, StringComparison.Ordinal);
        Assert.Contains("|Campaign|465|2022-01-20 01:37:10|1 day, 3:21:40|", table, StringComparison.Ordinal);
        Assert.Contains("PREOPS-905: 2 workflows, 12 task types", first.Out, StringComparison.Ordinal);
        // Jira writes go to the outbox: the DRP issue, both summary tables, three token comments and the PDF.
        Assert.Contains("Jira (no credentials, outbox", first.Out, StringComparison.Ordinal);
        Assert.Contains("POST rest/api/2/issue/PREOPS-905/attachments", first.Out, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(root, "one", "jira-outbox")));
        // Butler statistics from both registry generations: current (JSON metadata) and 2022 (YAML metadata).
        Assert.Contains("Butler (butler-current, JSON metadata): 80 of 80 quanta read", first.Out, StringComparison.Ordinal);
        Assert.Contains("Butler (butler-2022, YAML metadata): 80 of 80 quanta read", first.Out, StringComparison.Ordinal);
        Assert.StartsWith(" Campaign Butler statistics PREOPS-905\nbutlerStat\n",
            File.ReadAllText(Path.Combine(root, "one", "outputs", "butler-2022", "butlerStat-PREOPS-905.txt")), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(root, "one", "outputs", "panda_time_series_makeWarp.csv")),
            File.ReadAllText(Path.Combine(root, "two", "outputs", "panda_time_series_makeWarp.csv")));
        Assert.Contains("visit_detector_1: 300 jobs", first.Out, StringComparison.Ordinal);
        // A static copy of the dashboard page: every chart inline, no form, no reload.
        string dashboard = Path.Combine(root, "one", "dashboard.html");
        Assert.Contains($"dashboard: {dashboard}", first.Out, StringComparison.Ordinal);
        string page = File.ReadAllText(dashboard);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(page, "<svg [^>]*class=\"chart\""));
        Assert.DoesNotContain("<form", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryRegisteredCommand()
    {
        var (code, output, _) = await CliRun.RunAsync([], "--help");
        Assert.Equal(0, code);
        Assert.Contains("get-panda-stat", output, StringComparison.Ordinal);
        Assert.Contains("demo", output, StringComparison.Ordinal);
        Assert.Contains("prep-timing-data", output, StringComparison.Ordinal);
        Assert.Contains("plot-data", output, StringComparison.Ordinal);
        Assert.Contains("make-prod-groups", output, StringComparison.Ordinal);
    }
}
