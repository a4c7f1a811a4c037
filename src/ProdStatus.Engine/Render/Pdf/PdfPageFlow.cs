using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ProdStatus.Engine.Render.Pdf;

/// <summary>
/// A top-to-bottom cursor over landscape A4 pages: content asks for space and gets a fresh page when the current one
/// is full. Page numbers are added at the end, when the page count is known.
/// </summary>
internal sealed class PdfPageFlow : IDisposable
{
    public const double PageWidth = 842; // A4 landscape, points
    public const double PageHeight = 595;
    public const double Margin = 36;
    private const double FooterHeight = 18;

    private readonly PdfDocument _document;
    private readonly DateTimeOffset _stamp;
    private readonly string _seed;
    private XGraphics? _graphics;
    private int _links;

    /// <param name="stamp">Modification time written into annotations (PDFsharp would read the wall clock).</param>
    /// <param name="seed">Identity from which annotation names are derived (PDFsharp would draw random ones).</param>
    public PdfPageFlow(PdfDocument document, DateTimeOffset stamp, string seed)
    {
        _document = document;
        _stamp = stamp;
        _seed = seed;
        NewPage();
    }

    public XGraphics Graphics => _graphics!;

    public PdfPage Page { get; private set; } = null!;

    public double Y { get; set; }

    public static double Left => Margin;

    public static double ContentWidth => PageWidth - 2 * Margin;

    public double Bottom => PageHeight - Margin - FooterHeight;

    public double Remaining => Bottom - Y;

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public bool EnsureSpace(double height)
    {
        if (height <= Remaining || Y <= Margin)
        {
            return false;
        }
        NewPage();
        return true;
    }

    public void NewPage()
    {
        _graphics?.Dispose();
        Page = _document.AddPage();
        Page.Width = XUnit.FromPoint(PageWidth);
        Page.Height = XUnit.FromPoint(PageHeight);
        _graphics = XGraphics.FromPdfPage(Page);
        Y = Margin;
    }

    /// <summary>Adds a clickable link over an area of the current page.</summary>
    public void Link(XRect area, Uri url)
    {
        var link = Page.AddWebLink(new PdfRectangle(Graphics.Transformer.WorldToDefaultPage(area)), url.AbsoluteUri);
        link.Elements.SetString("/NM", PdfDeterminism.StableGuid($"{_seed}|link|{_links++}"));
        link.Elements.SetDateTime("/M", _stamp.UtcDateTime);
    }

    /// <summary>Writes "left text … page i of n" at the foot of every page.</summary>
    public void AddFooters(string left)
    {
        _graphics?.Dispose();
        _graphics = null;
        var font = PdfFonts.Regular(7);
        int count = _document.PageCount;
        for (int i = 0; i < count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            var line = new XRect(Margin, PageHeight - Margin, ContentWidth, 10);
            gfx.DrawLine(new XPen(XColors.LightGray, 0.5), Margin, line.Top - 4, PageWidth - Margin, line.Top - 4);
            gfx.DrawString(left, font, XBrushes.DimGray, line, XStringFormats.CenterLeft);
            gfx.DrawString($"page {i + 1} of {count}", font, XBrushes.DimGray, line, XStringFormats.CenterRight);
        }
    }

    public void Dispose() => _graphics?.Dispose();
}
