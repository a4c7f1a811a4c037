using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Organize;

namespace ProdStatus.Engine.Tests.Organize;

public sealed class ProdGroupsTests
{
    private static readonly IReadOnlyList<ExposureEntry> Mixed = ProdGroups.ParseList("explist", """
        z 1472
        g 10
        g 12
        r 11
        g 14
        g 16
        g 18
        i 13
        g 20
        g 22
        """);

    [Fact]
    public void Plan_BandFilter_SortsById_AndKeepsOnlyThatBand()
    {
        var groups = ProdGroups.Plan(Mixed, "g", groupSize: 3, skip: 0, count: 10);
        Assert.Equal([new ProdGroup(1, 10, 14, 3), new ProdGroup(2, 16, 20, 3), new ProdGroup(3, 22, 22, 1)], groups);
    }

    [Fact]
    public void Plan_AllAndF_KeepEveryRow()
    {
        Assert.Equal(ProdGroups.Plan(Mixed, "all", 4, 0, 10), ProdGroups.Plan(Mixed, "f", 4, 0, 10));
        Assert.Equal([new ProdGroup(1, 10, 13, 4), new ProdGroup(2, 14, 20, 4), new ProdGroup(3, 22, 1472, 2)], ProdGroups.Plan(Mixed, "all", 4, 0, 10));
    }

    [Fact]
    public void Plan_Skip_StartsAtTheGroupAfterTheSkippedOnes()
    {
        Assert.Equal([new ProdGroup(2, 16, 20, 3)], ProdGroups.Plan(Mixed, "g", 3, skip: 1, count: 1));
    }

    [Fact]
    public void Plan_NoGroupsPastTheEndOfTheList_LastGroupMayBePartial()
    {
        var groups = ProdGroups.Plan(Mixed, "g", 3, skip: 2, count: 5);
        Assert.Equal([new ProdGroup(3, 22, 22, 1)], groups);
        Assert.Empty(ProdGroups.Plan(Mixed, "g", 3, skip: 3, count: 5));
    }

    [Fact]
    public void Plan_TractList_WorksWithBandAll()
    {
        var tracts = ProdGroups.ParseList("tracts_step3", "all 3829\nall 2897\nall 3828\n");
        Assert.Equal([new ProdGroup(1, 2897, 3828, 2), new ProdGroup(2, 3829, 3829, 1)], ProdGroups.Plan(tracts, "all", 2, 0, 2));
    }

    [Fact]
    public void Fill_ReplacesEveryPlaceholder_AndNothingElse()
    {
        const string template = "payloadName: 2.2i/all_band_GNUM\ncampaign: v23/step3_GNUM\ndataQuery: \"band = 'BAND' and exposure >=LOWEXP and exposure <= HIGHEXP\"\n";
        string filled = ProdGroups.Fill(template, "g", new ProdGroup(3, 22, 22, 1));
        Assert.Equal("payloadName: 2.2i/all_band_3\ncampaign: v23/step3_3\ndataQuery: \"band = 'g' and exposure >=22 and exposure <= 22\"\n", filled);
    }

    [Theory]
    [InlineData("/work/clusttest1.yaml", "g", 3, "clusttest1_g_3.yaml")]
    [InlineData("step3.template.yaml", "all", 12, "step3.template_all_12.yaml")]
    [InlineData("clust.yml", "f", 1, "clust.yml_f_1.yaml")]
    public void OutputName_IsTheOriginals(string template, string band, int number, string expected) =>
        Assert.Equal(expected, ProdGroups.OutputName(template, band, new ProdGroup(number, 1, 2, 2)));

    [Fact]
    public void ParseList_BadLine_NamesFileAndLine()
    {
        var error = Assert.Throws<UserInputException>(() => ProdGroups.ParseList("explist", "z 1472\nz fourteen\n"));
        Assert.Equal("explist: line 2: expected '<band> <exposure or tract id>', got 'z fourteen'", error.Message);
    }

    [Theory]
    [InlineData("q", "10", "0", "1", "BAND: must be one of all, f, u, g, r, i, z, y (got 'q')")]
    [InlineData("g", "ten", "0", "1", "GROUPSIZE: must be a whole number (got 'ten')")]
    [InlineData("g", "0", "0", "1", "GROUPSIZE: must be at least 1 (got 0)")]
    [InlineData("g", "10", "-1", "1", "SKIPGROUPS: must be at least 0 (got -1)")]
    [InlineData("g", "10", "0", "2.5", "NGROUPS: must be a whole number (got '2.5')")]
    public void Request_Parse_NamesTheBadArgument(string band, string size, string skip, string groups, string message)
    {
        var error = Assert.Throws<UserInputException>(() => ProdGroupsRequest.Parse("t.yaml", band, size, skip, groups, "explist"));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Request_Parse_NumbersAreNumbers()
    {
        Assert.Equal(new ProdGroupsRequest("t.yaml", "g", 10, 2, 2, "explist"), ProdGroupsRequest.Parse("t.yaml", "g", "10", "2", "2", "explist"));
    }
}
