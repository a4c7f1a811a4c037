using System.Globalization;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Render.Fonts;
using ProdStatus.Engine.Render.Tables;
using SkiaSharp;

namespace ProdStatus.Engine.Tests.Render;

public sealed class ImageRowsTests
{
    [Fact]
    public void Select_TableThatFits_KeepsEveryRow()
    {
        var table = Table([1, 2, 3]);
        var selection = ImageRows.Select(table, 10);
        Assert.Equal(table.Rows, selection.Rows);
        Assert.Equal(0, selection.Hidden);
    }

    [Fact]
    public void Select_LongTable_KeepsTheMostCpuHoursInTableOrderPlusTotals()
    {
        var table = Table([5, 50, 1, 40, 30, 2]);
        var selection = ImageRows.Select(table, 4);
        Assert.Equal(["row1", "row3", "row4", "Campaign"], selection.Rows.Select(r => r.Name));
        Assert.Equal(3, selection.Hidden);
    }

    [Fact]
    public void Select_Ties_PreferEarlierRows()
    {
        var selection = ImageRows.Select(Table([7, 7, 7, 7]), 3);
        Assert.Equal(["row0", "row1", "Campaign"], selection.Rows.Select(r => r.Name));
    }

    [Fact]
    public void Select_NonNumericCpuHours_RankLast()
    {
        var table = Table([double.NaN, 3, double.NaN, 1]);
        Assert.Equal(["row1", "row3", "Campaign"], ImageRows.Select(table, 3).Rows.Select(r => r.Name));
    }

    [Fact]
    public void Select_NoCpuHoursColumn_KeepsTheFirstRows()
    {
        var table = new StatTable("wf", "workflows", "workflow", [new("status")],
            [.. Enumerable.Range(0, 10).Select(i => new TableRow($"w{i}", ["Finished"]))]);
        var selection = ImageRows.Select(table, 3);
        Assert.Equal(["w0", "w1", "w2"], selection.Rows.Select(r => r.Name));
        Assert.Equal(7, selection.Hidden);
    }

    [Fact]
    public void Render_LongTable_EndsWithTheMoreRowsLineAndOtherFormatsKeepEveryRow()
    {
        var table = Table([.. Enumerable.Range(0, 200).Select(i => (double)i)]);
        string csv = CsvTableWriter.Write(table);
        string jira = JiraWikiTableWriter.Write(table);
        Assert.Contains("row0,", csv, StringComparison.Ordinal);
        Assert.Contains("|row0|", jira, StringComparison.Ordinal);
        using var fonts = new FontLibrary(Options.Create(new RenderingOptions()));
        var fits = Size(Render(fonts, Table([1, 2, 3, 4]), 5));
        var capped = Size(Render(fonts, table, 5));
        // Same five rows drawn, plus one line below them: "… 196 more rows in t.csv".
        Assert.Equal(44, capped.Height - fits.Height);
    }

    /// <summary>A 10,000-row table draws the same bounded image as a 100-row one: memory does not grow with the table.</summary>
    [Fact]
    public void Render_TenThousandRows_DrawsABoundedImage()
    {
        using var fonts = new FontLibrary(Options.Create(new RenderingOptions()));
        var hundred = Size(Render(fonts, Table([.. Enumerable.Range(0, 100).Select(i => i % 97 * 1.5)]), 60));
        var big = Table([.. Enumerable.Range(0, 10_000).Select(i => i % 97 * 1.5)], longNames: true);
        var size = Size(Render(fonts, big, 60));
        Assert.Equal(hundred.Height, size.Height);
        Assert.True(size.Height <= 3000, $"image is {size.Width}x{size.Height}");
        Assert.True(size.Width <= 3000, $"image is {size.Width}x{size.Height}");
        Assert.True((long)size.Width * size.Height * 4 <= 36L << 20, $"image is {size.Width}x{size.Height}");
    }

    private static byte[] Render(FontLibrary fonts, StatTable table, int maxRows) =>
        new TablePngRenderer(fonts, Options.Create(new RenderingOptions { MaxImageRows = maxRows })).Render(table, "t.csv");

    private static SKSizeI Size(byte[] png)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(png));
        return codec.Info.Size;
    }

    private static StatTable Table(double[] cpuHours, bool longNames = false)
    {
        var rows = cpuHours
            .Select((h, i) => new TableRow(longNames ? $"row{i}_" + new string('x', 500) : $"row{i}",
                ["10", double.IsNaN(h) ? "-" : h.ToString("0.00", CultureInfo.InvariantCulture)]))
            .Append(new TableRow("Campaign", ["99", "1000.00"], RowStyle.Summary))
            .ToList();
        return new StatTable("butlerStat", "Campaign Butler statistics PREOPS-905", "Workflow Task", [new("quanta", true), new("CPU-hours", true)], rows);
    }
}
