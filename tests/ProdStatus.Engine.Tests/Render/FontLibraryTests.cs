using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Render.Fonts;
using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Tests.Render;

public sealed class FontLibraryTests
{
    [Fact]
    public void MissingFontFile_NamesThePackageAndTheKey()
    {
        using var fonts = new FontLibrary(Options.Create(new RenderingOptions { FontDirectory = "/nonexistent/fonts" }));
        var error = Assert.Throws<UserInputException>(fonts.EnsureLoaded);
        Assert.Equal("font file /nonexistent/fonts/DejaVuSans.ttf not found: install the Debian package fonts-dejavu-core or set ProdStatus:Rendering:FontDirectory", error.Message);
    }

    [Fact]
    public void TablePng_HasTextPixels()
    {
        using var fonts = new FontLibrary(Options.Create(new RenderingOptions()));
        var table = new StatTable("t", "Title", "row", [new("value", true)], [new TableRow("a", ["1"])]);
        byte[] png = new TablePngRenderer(fonts, Options.Create(new RenderingOptions())).Render(table, "t.csv");
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        // The title occupies the top-left band: some of its pixels must be dark ink, not just grid lines.
        int dark = 0;
        for (int y = 20; y < 60; y++)
        {
            for (int x = 20; x < 120; x++)
            {
                if (bitmap.GetPixel(x, y).Red < 100)
                {
                    dark++;
                }
            }
        }
        Assert.True(dark > 50, $"only {dark} dark pixels where the title should be");
    }
}
