using SkiaSharp;

namespace ProdStatus.Engine.Render.Fonts;

/// <summary>Makes ScottPlot draw every label with the library's DejaVu faces instead of asking fontconfig.</summary>
public static class ScottPlotFonts
{
    private static readonly Lock Gate = new();
    private static bool s_installed;

    public static void Install(FontLibrary fonts)
    {
        lock (Gate)
        {
            fonts.EnsureLoaded();
            if (s_installed)
            {
                return;
            }
            ScottPlot.Fonts.FontResolvers.Insert(0, new Resolver(fonts));
            ScottPlot.Fonts.Default = FontLibrary.FamilyName;
            ScottPlot.Fonts.Sans = FontLibrary.FamilyName;
            s_installed = true;
        }
    }

    private sealed class Resolver(FontLibrary fonts) : ScottPlot.IFontResolver
    {
        // Every family resolves to DejaVu Sans: a plot must never fall through to the system resolver.
        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing width) =>
            Create(weight >= ScottPlot.FontWeight.SemiBold);

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Create(bold);

        private SKTypeface Create(bool bold)
        {
            using var data = SKData.CreateCopy(bold ? fonts.BoldBytes : fonts.RegularBytes);
            return SKTypeface.FromData(data);
        }
    }
}
