using ProdStatus.Cli;
using ProdStatus.Testing.Drp;
using Xunit;

namespace ProdStatus.Cli.Tests.Commands;

/// <summary>The Jira commands end to end through the CLI, offline (no credentials: the outbox), and their error paths.</summary>
public sealed class JiraCommandsTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("prodstat-cli-").FullName;
    private readonly SubmitTreeBuilder _tree = new SubmitTreeBuilder().WithSubmitYaml().With2022Run();

    public JiraCommandsTests() => Environment.SetEnvironmentVariable("OBS_LSST_DIR", _tree.PipelineDir);

    public void Dispose()
    {
        _tree.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    private string Outbox => Path.Combine(_dataDir, "outbox");

    private async Task<(int Code, string Out, string Err)> RunAsync(Dictionary<string, string?>? config, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = new Dictionary<string, string?>
        {
            ["ProdStatus:Output:DataDir"] = _dataDir,
            ["ProdStatus:Jira:SummaryIssue"] = "DRP-53",
            ["ProdStatus:Jira:Step1SummaryIssue"] = "DRP-55",
            ["ProdStatus:Jira:PandaLinkBase"] = "https://panda.example.org/",
        };
        foreach (var (k, v) in config ?? [])
        {
            settings[k] = v;
        }
        int code = await CliApplication.RunAsync(args, new CliEnvironment { Out = output, Error = error, ConfigurationOverrides = settings });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task UpdateIssue_Offline_WritesTheRequestToTheOutbox_AndASecondRunReusesIt()
    {
        var first = await RunAsync(null, "update-issue", _tree.YamlPath, "PREOPS-905", "DRP0");
        Assert.Equal((0, "OUTBOX-1\n"), (first.Code, first.Out));
        Assert.Contains("outbox", first.Err, StringComparison.Ordinal);
        string request = await File.ReadAllTextAsync(Path.Combine(Outbox, "0001-create-issue-OUTBOX-1.json"), TestContext.Current.CancellationToken);
        Assert.Contains("\"path\": \"rest/api/2/issue\"", request, StringComparison.Ordinal);
        Assert.Contains("step1#v23_0_0_rc5/PREOPS-905/20220120T012920Z", request, StringComparison.Ordinal);
        Assert.StartsWith("BPS Submit Keywords:", await File.ReadAllTextAsync(Path.Combine(Outbox, "0001-create-issue-OUTBOX-1.txt"), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var second = await RunAsync(null, "update-issue", _tree.YamlPath, "PREOPS-905", "--json");
        Assert.Equal(0, second.Code);
        Assert.Contains("\"issue\": \"OUTBOX-1\"", second.Out, StringComparison.Ordinal);
        Assert.Contains("\"created\": false", second.Out, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Outbox, "*.json"), f => !f.EndsWith("state.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddJobToSummary_Offline_RendersTheSummaryIssuesIntoTheOutbox()
    {
        Assert.Equal(0, (await RunAsync(null, "update-issue", _tree.YamlPath, "PREOPS-905")).Code);
        var added = await RunAsync(null, "add-job-to-summary", "PREOPS-905", "OUTBOX-1");
        Assert.Equal(0, added.Code);
        Assert.Contains("rewrote DRP-53, DRP-55", added.Out, StringComparison.Ordinal);
        string table = await File.ReadAllTextAsync(Directory.GetFiles(Outbox, "*-edit-issue-DRP-53.txt").Single(), TestContext.Current.CancellationToken);
        Assert.StartsWith("||Date||PREOPS||STATS||(T,Q,D,Fa,Sf)||PANDA||DESCRIP||\n| 2022-01-20 | PREOPS-905 | OUTBOX-1|{color:blue}0,0,0,0,0{color}|", table, StringComparison.Ordinal);
        Assert.Contains("|step1(1472,1502)|", table, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("update-issue|/nonexistent/step1.yaml|PREOPS-905", "error: /nonexistent/step1.yaml: file not found")]
    [InlineData("update-issue|{yaml}|PREOPS 905", "error: PRODUCTION_ISSUE: 'PREOPS 905' is not an issue key such as DRP-148")]
    [InlineData("update-issue|{yaml}|PREOPS-905|DRP0|--ts|2022-01-20", "error: --ts: '2022-01-20' is not a timestamp YYYYMMDDTHHMMSSZ")]
    [InlineData("add-job-to-summary|PREOPS-905|DRP-1|--reset|True|--remove|True", "error: --reset and --remove cannot be used together (the original silently reset)")]
    [InlineData("update-stat|PREOPS-905|DRP0", "error: DRP_ISSUE: update-stat needs an existing DRP issue (DRP0 creates one only in update-issue)")]
    [InlineData("map-drp-steps|/nonexistent/map.yaml|DRP-5|0", "error: /nonexistent/map.yaml: map yaml not found")]
    public async Task BadInput_IsOneLineNamingTheProblem_ExitCode2(string args, string expected)
    {
        var result = await RunAsync(null, args.Replace("{yaml}", _tree.YamlPath, StringComparison.Ordinal).Split('|'));
        Assert.Equal(2, result.Code);
        Assert.Equal(expected + "\n", result.Err);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task ReportToJira_MissingField_NamesFileAndField()
    {
        string yaml = Path.Combine(_dataDir, "report.yaml");
        await File.WriteAllTextAsync(yaml, "project: PREOPS\ncomments:\n- file: ~/x.txt\n", TestContext.Current.CancellationToken);
        var result = await RunAsync(null, "report-to-jira", yaml);
        Assert.Equal((2, $"error: {yaml}: Jira: is required (the issue key to report to)\n"), (result.Code, result.Err));
    }

    [Fact]
    public async Task ReportToJira_AgainstJira_UnknownIssueIsExit2WithJirasMessage_ThenPostsOnceWhenItExists()
    {
        await using var jira = new ProdStatus.Testing.Jira.FakeJiraServer(ProdStatus.Testing.Jira.FakeJiraAuth.DataCenter());
        await jira.StartAsync(TestContext.Current.CancellationToken);
        var config = new Dictionary<string, string?> { ["ProdStatus:Jira:BaseUrl"] = jira.BaseUri.ToString(), ["ProdStatus:Jira:PersonalAccessToken"] = "dc-pat" };
        string stats = Path.Combine(_dataDir, "pandaStat-PREOPS-905.txt");
        string yaml = Path.Combine(_dataDir, "report.yaml");
        await File.WriteAllTextAsync(stats, " Panda campaign statistics PREOPS-905\npandaStat\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(yaml, $"Jira: PREOPS-905\ncomments:\n- file: {stats}\n  tokens: [pandaStat, PREOPS-905]\n", TestContext.Current.CancellationToken);

        var missing = await RunAsync(config, "report-to-jira", yaml);
        Assert.Equal((2, "error: Jira: list comments of PREOPS-905: HTTP 404: Issue does not exist or you do not have permission to see it.\n"),
            (missing.Code, missing.Err));

        jira.State.Seed("PREOPS-905");
        var first = await RunAsync(config, "report-to-jira", yaml);
        var second = await RunAsync(config, "report-to-jira", yaml);
        Assert.Equal((0, 0), (first.Code, second.Code));
        Assert.Contains("added", first.Out, StringComparison.Ordinal);
        Assert.Contains("unchanged", second.Out, StringComparison.Ordinal);
        Assert.Single(jira.State.Issues["PREOPS-905"].Comments);
    }

    [Fact]
    public async Task ReportToJira_WithTheDashboardConfigured_EndsTheCommentWithItsLink_OnceADay()
    {
        await using var jira = new ProdStatus.Testing.Jira.FakeJiraServer(ProdStatus.Testing.Jira.FakeJiraAuth.DataCenter());
        await jira.StartAsync(TestContext.Current.CancellationToken);
        jira.State.Seed("PREOPS-905");
        var config = new Dictionary<string, string?>
        {
            ["ProdStatus:Jira:BaseUrl"] = jira.BaseUri.ToString(), ["ProdStatus:Jira:PersonalAccessToken"] = "dc-pat",
            ["ProdStatus:Dashboard:BaseUrl"] = "https://bot.example.org/", ["ProdStatus:Dashboard:LinkKey"] = "jira-test-link-key-0123456789abcdef0",
        };
        string stats = Path.Combine(_dataDir, "pandaStat-PREOPS-905.txt");
        string yaml = Path.Combine(_dataDir, "report.yaml");
        await File.WriteAllTextAsync(stats, " Panda campaign statistics PREOPS-905\npandaStat\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(yaml, $"Jira: PREOPS-905\ncomments:\n- file: {stats}\n  tokens: [pandaStat, PREOPS-905]\n", TestContext.Current.CancellationToken);

        var first = await RunAsync(config, "report-to-jira", yaml);
        var second = await RunAsync(config, "report-to-jira", yaml);

        Assert.Equal((0, 0), (first.Code, second.Code));
        Assert.Contains("unchanged", second.Out, StringComparison.Ordinal);
        var comment = Assert.Single(jira.State.Issues["PREOPS-905"].Comments);
        Assert.Contains("\nCampaign dashboard: [PREOPS-905 dashboard|https://bot.example.org/campaigns/PREOPS-905?exp=", comment.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_RunAgainstJira_NeverPrintsTheToken()
    {
        await using var jira = new ProdStatus.Testing.Jira.FakeJiraServer(ProdStatus.Testing.Jira.FakeJiraAuth.Cloud(token: "s3cr3t-api-token"));
        await jira.StartAsync(TestContext.Current.CancellationToken);
        jira.State.Seed("DRP-53");
        jira.State.Seed("DRP-55");
        jira.Faults.RefuseNext(System.Net.HttpStatusCode.TooManyRequests);
        var config = new Dictionary<string, string?>
        {
            ["ProdStatus:Jira:BaseUrl"] = jira.BaseUri.ToString(), ["ProdStatus:Jira:Email"] = "bot@example.org",
            ["ProdStatus:Jira:ApiToken"] = "s3cr3t-api-token", ["ProdStatus:Jira:RetryDelayMilliseconds"] = "1",
        };
        var result = await RunAsync(config, "--verbose", "add-job-to-summary", "--reset");
        Assert.Equal(0, result.Code);
        Assert.DoesNotContain("s3cr3t", result.Out + result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("bot@example.org:s3cr3t-api-token")), result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportSummary_FromFile_ThenAddJob_RendersBothRows()
    {
        string store = Path.Combine(_dataDir, "drp54.json");
        await File.WriteAllTextAsync(store, """{"PREOPS-863#20211102T101010Z": ["PREOPS-863", "DRP-12", [7, 1727, 6, 1, 0], "https://p/x", "step2"]}""", TestContext.Current.CancellationToken);
        var imported = await RunAsync(null, "import-summary", "--file", store);
        Assert.Equal((0, "1 summary rows imported; run add-job-to-summary to re-render the tables\n"), (imported.Code, imported.Out));
        Assert.Equal(0, (await RunAsync(null, "update-issue", _tree.YamlPath, "PREOPS-905")).Code);
        var added = await RunAsync(null, "add-job-to-summary", "PREOPS-905", "OUTBOX-1");
        Assert.Contains("2 rows; rewrote DRP-53, DRP-55", added.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddJobToSummary_IssueWithoutTimestamp_IsExit2()
    {
        var result = await RunAsync(null, "add-job-to-summary", "PREOPS-905", "DRP-999");
        Assert.Equal((2, "error: DRP-999: summary '' is not <steps>#<campaign>/<YYYYMMDDTHHMMSSZ>; run update-issue for it first\n"), (result.Code, result.Err));
    }

    [Fact]
    public async Task JiraConfiguration_TokenWithoutEmail_IsRejectedNamingTheKey()
    {
        var result = await RunAsync(new() { ["ProdStatus:Jira:BaseUrl"] = "https://example.atlassian.net", ["ProdStatus:Jira:ApiToken"] = "secret-token" },
            "add-job-to-summary", "--reset");
        Assert.Equal(2, result.Code);
        Assert.Contains("error: configuration: ProdStatus:Jira:Email is required with ProdStatus:Jira:ApiToken", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", result.Err, StringComparison.Ordinal);
    }
}
