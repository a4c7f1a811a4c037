using PdfSharp.Drawing;
using PdfSharp.Fonts;
using ProdStatus.Engine.Render.Fonts;

namespace ProdStatus.Engine.Render.Pdf;

/// <summary>
/// Serves FontLibrary's DejaVu bytes to PDFsharp. Its platform discovery finds nothing on Linux (it throws), so every
/// family resolves to DejaVu Sans. PDFsharp's resolver is process-wide and may be set only once, hence the static install.
/// </summary>
public static class PdfFonts
{
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();
    private static Resolver? s_resolver;

    /// <summary>Installs the resolver (first call wins; later libraries read the same configured files).</summary>
    public static void Install(FontLibrary fonts)
    {
        lock (Gate)
        {
            fonts.EnsureLoaded();
            if (s_resolver is not null)
            {
                return;
            }
            s_resolver = new Resolver(fonts.RegularBytes, fonts.BoldBytes);
            GlobalFontSettings.FontResolver = s_resolver;
        }
    }

    public static XFont Regular(double size) => new(FontLibrary.FamilyName, size, XFontStyleEx.Regular);

    public static XFont Bold(double size) => new(FontLibrary.FamilyName, size, XFontStyleEx.Bold);

    private sealed class Resolver(byte[] regular, byte[] bold) : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(isBold ? BoldFace : RegularFace);

        public byte[]? GetFont(string faceName) => faceName == BoldFace ? bold : regular;
    }
}
