using Microsoft.Extensions.Options;
using ProdStatus.Engine.Aggregate;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Render.Fonts;
using ProdStatus.Engine.Render.Plots;

namespace ProdStatus.Engine.Tests.Render;

public sealed class TimingPlotRendererTests
{
    private static readonly TimingSeries Series = new([0.0, 0.5, 1.0], [2.0, 3.5, 1.0], 1.25);

    [Fact]
    public void StepPoints_HoldEachBinAcrossItsWidth_UpToTheWindowEnd()
    {
        var (xs, ys) = TimingPlotRenderer.StepPoints(Series);
        Assert.Equal([0.0, 0.5, 1.0, 1.25], xs);
        Assert.Equal([2.0, 3.5, 1.0, 1.0], ys);
    }

    [Theory]
    [InlineData(3600, "1 h")]
    [InlineData(900, "15 min")]
    [InlineData(90, "90 s")]
    [InlineData(0.5, "0.5 s")]
    public void BinText_UsesTheLargestWholeUnit(double seconds, string expected) =>
        Assert.Equal(expected, TimingPlotRenderer.BinText(seconds));

    [Fact]
    public void Render_DrawsTheTitleWithTheProjectFonts()
    {
        using var fonts = new FontLibrary(Options.Create(new RenderingOptions()));
        byte[] png = new TimingPlotRenderer(fonts).Render("isr — PREOPS-905", [new TimingCurve("isr", Series)],
            new DateTimeOffset(2022, 1, 20, 1, 0, 0, TimeSpan.Zero), 1800, BinMode.Mean);
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal((TimingPlotRenderer.Width, TimingPlotRenderer.Height), (bitmap.Width, bitmap.Height));
        // The title is centred in the top band: without a font it would be blank.
        int dark = 0;
        for (int y = 5; y < 35; y++)
        {
            for (int x = bitmap.Width / 2 - 150; x < bitmap.Width / 2 + 150; x++)
            {
                if (bitmap.GetPixel(x, y).Red < 100)
                {
                    dark++;
                }
            }
        }
        Assert.True(dark > 100, $"only {dark} dark pixels where the title should be");
    }
}
