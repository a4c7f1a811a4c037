namespace ProdStatus.Cli.Tests;

public sealed class MakeProdGroupsCommandTests
{
    private const string Template = "payload:\n  payloadName: 2.2i/all_band_GNUM\n  dataQuery: \"band = 'BAND' and exposure >=LOWEXP and exposure <= HIGHEXP\"\n";

    private static (string Root, string Template, string List) Inputs(string list = "g 12\nz 1472\ng 10\ng 14\ng 16\nr 11\n")
    {
        string root = CliRun.TempDir();
        string template = Path.Combine(root, "clusttest.yaml");
        File.WriteAllText(template, Template);
        string explist = Path.Combine(root, "explist");
        File.WriteAllText(explist, list);
        return (root, template, explist);
    }

    [Fact]
    public async Task Writes_OneYamlPerGroup_WithTheOriginalsNames()
    {
        var (root, template, list) = Inputs();
        string outDir = Path.Combine(root, "out");
        var (code, output, error) = await CliRun.RunAsync([], "make-prod-groups", template, "g", "2", "0", "2", list, "--out", outDir);

        Assert.Equal((0, ""), (code, error));
        Assert.Equal(["clusttest_g_1.yaml", "clusttest_g_2.yaml"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("payload:\n  payloadName: 2.2i/all_band_2\n  dataQuery: \"band = 'g' and exposure >=14 and exposure <= 16\"\n",
            File.ReadAllText(Path.Combine(outDir, "clusttest_g_2.yaml")));
        Assert.Contains("clusttest_g_1.yaml: group 1, 2 ids, 10..12", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupsPastTheEnd_AreNotWritten_AndSaidSo()
    {
        var (root, template, list) = Inputs();
        var (code, _, error) = await CliRun.RunAsync([], "make-prod-groups", template, "g", "3", "1", "5", list, "--out", root);
        Assert.Equal(0, code);
        Assert.Equal("warning: EXPLIST makes only 2 group(s); wrote groups 2..2", error.Trim());
        Assert.Equal("payload:\n  payloadName: 2.2i/all_band_2\n  dataQuery: \"band = 'g' and exposure >=16 and exposure <= 16\"\n",
            File.ReadAllText(Path.Combine(root, "clusttest_g_2.yaml")));
        Assert.False(File.Exists(Path.Combine(root, "clusttest_g_3.yaml")));
    }

    [Theory]
    [InlineData("x", "1", "0", "1", "error: BAND: must be one of all, f, u, g, r, i, z, y (got 'x')")]
    [InlineData("g", "ten", "0", "1", "error: GROUPSIZE: must be a whole number (got 'ten')")]
    [InlineData("g", "1", "9", "1", "error: SKIPGROUPS: 9 skips every group: EXPLIST makes 4 group(s) of 1 for band g")]
    [InlineData("y", "1", "0", "1", "error: {list}: EXPLIST has no rows of band y (use BAND all for a tract list)")]
    public async Task BadArgument_OneLineNamingIt_Exit2(string band, string size, string skip, string groups, string expected)
    {
        var (root, template, list) = Inputs();
        var (code, output, error) = await CliRun.RunAsync([], "make-prod-groups", template, band, size, skip, groups, list, "--out", root);
        Assert.Equal(2, code);
        Assert.Equal(expected.Replace("{list}", list, StringComparison.Ordinal), error.Trim());
        Assert.Equal("", output);
        Assert.Empty(Directory.GetFiles(root, "*_*.yaml"));
    }

    [Fact]
    public async Task MissingExposureList_NamesTheArgumentAndFile()
    {
        var (root, template, _) = Inputs();
        string missing = Path.Combine(root, "nope");
        var (code, _, error) = await CliRun.RunAsync([], "make-prod-groups", template, "all", "10", "0", "1", missing);
        Assert.Equal(2, code);
        Assert.Equal($"error: EXPLIST: {missing}: file not found", error.Trim());
    }

    [Fact]
    public async Task TractList_WithBandAll()
    {
        var (root, template, list) = Inputs("all 3829\nall 2897\nall 3828\n");
        var (code, _, _) = await CliRun.RunAsync([], "make-prod-groups", template, "all", "2", "0", "2", list, "--out", root);
        Assert.Equal(0, code);
        Assert.Contains("exposure >=2897 and exposure <= 3828", File.ReadAllText(Path.Combine(root, "clusttest_all_1.yaml")), StringComparison.Ordinal);
        Assert.Contains("exposure >=3829 and exposure <= 3829", File.ReadAllText(Path.Combine(root, "clusttest_all_2.yaml")), StringComparison.Ordinal);
    }
}
