using PdfSharp.Drawing;
using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Render.Pdf;

/// <summary>
/// Draws a <see cref="StatTable"/> across as many pages as it needs: the title and the header row are repeated on every
/// page, numbers are right-aligned, text that does not fit is ellipsized, failed/partial/total rows are tinted.
/// </summary>
internal static class PdfTableDrawer
{
    private const double FontSize = 7.5;
    private const double RowHeight = 12.5;
    private const double HeaderLine = 9;
    private const double Pad = 3;
    private const double MinNameWidth = 110;
    private const double TitleHeight = 18;

    private static readonly XColor HeaderFill = XColor.FromArgb(0xE8, 0xEC, 0xF2);
    private static readonly XColor FailedFill = XColor.FromArgb(0xF8, 0xC9, 0xC4);
    private static readonly XColor WarningFill = XColor.FromArgb(0xFB, 0xEE, 0xB0);
    private static readonly XColor SummaryFill = XColor.FromArgb(0xF2, 0xF2, 0xF2);
    private static readonly XPen Grid = new(XColor.FromArgb(0xBB, 0xBB, 0xBB), 0.4);

    public static void Draw(PdfPageFlow flow, StatTable table)
    {
        var regular = PdfFonts.Regular(FontSize);
        var bold = PdfFonts.Bold(FontSize);
        var titleFont = PdfFonts.Bold(10);
        double[] widths = ColumnWidths(flow.Graphics, table, regular, bold);
        string[] headers = [table.IndexHeader, .. table.Columns.Select(c => c.Header)];
        var headerLines = headers.Select((h, i) => PdfText.Wrap(flow.Graphics, h, bold, widths[i] - 2 * Pad)).ToArray();
        double headerHeight = headerLines.Max(l => l.Count) * HeaderLine + 2 * Pad;
        bool[] numeric = [false, .. table.Columns.Select(c => c.Numeric)];

        // A table that fits on one page is kept together; a longer one starts where at least three rows fit.
        double whole = TitleHeight + headerHeight + table.Rows.Count * RowHeight;
        bool fitsOnePage = whole <= flow.Bottom - PdfPageFlow.Margin;
        flow.EnsureSpace(fitsOnePage ? whole : TitleHeight + headerHeight + 3 * RowHeight);
        DrawHead(flow, table.Title, titleFont, widths, headerLines, headerHeight, bold, numeric);
        foreach (var row in table.Rows)
        {
            if (flow.Remaining < RowHeight)
            {
                flow.NewPage();
                DrawHead(flow, table.Title + " (continued)", titleFont, widths, headerLines, headerHeight, bold, numeric);
            }
            var font = row.Style == RowStyle.Summary ? bold : regular;
            XColor? fill = row.Style switch
            {
                RowStyle.Failed => FailedFill,
                RowStyle.Warning => WarningFill,
                RowStyle.Summary => SummaryFill,
                _ => null,
            };
            string[] cells = [row.Name, .. row.Cells];
            double x = PdfPageFlow.Left;
            for (int c = 0; c < widths.Length; c++)
            {
                var rect = new XRect(x, flow.Y, widths[c], RowHeight);
                if (fill is { } color)
                {
                    flow.Graphics.DrawRectangle(new XSolidBrush(color), rect);
                }
                flow.Graphics.DrawRectangle(Grid, rect);
                string text = c < cells.Length ? PdfText.Fit(flow.Graphics, cells[c], font, widths[c] - 2 * Pad) : "";
                var inner = new XRect(rect.X + Pad, rect.Y, rect.Width - 2 * Pad, rect.Height);
                flow.Graphics.DrawString(text, font, XBrushes.Black, inner, numeric[c] ? XStringFormats.CenterRight : XStringFormats.CenterLeft);
                x += widths[c];
            }
            flow.Y += RowHeight;
        }
        flow.Y += 12;
    }

    private static void DrawHead(PdfPageFlow flow, string title, XFont titleFont, double[] widths,
        IReadOnlyList<string>[] headerLines, double headerHeight, XFont bold, bool[] numeric)
    {
        var gfx = flow.Graphics;
        gfx.DrawString(PdfText.Fit(gfx, title, titleFont, PdfPageFlow.ContentWidth), titleFont, XBrushes.Black,
            new XRect(PdfPageFlow.Left, flow.Y, PdfPageFlow.ContentWidth, TitleHeight - 4), XStringFormats.CenterLeft);
        flow.Y += TitleHeight;
        double x = PdfPageFlow.Left;
        for (int c = 0; c < widths.Length; c++)
        {
            var rect = new XRect(x, flow.Y, widths[c], headerHeight);
            gfx.DrawRectangle(Grid, new XSolidBrush(HeaderFill), rect);
            for (int l = 0; l < headerLines[c].Count; l++)
            {
                var line = new XRect(x + Pad, flow.Y + Pad + l * HeaderLine, widths[c] - 2 * Pad, HeaderLine);
                gfx.DrawString(headerLines[c][l], bold, XBrushes.Black, line, numeric[c] ? XStringFormats.CenterRight : XStringFormats.CenterLeft);
            }
            x += widths[c];
        }
        flow.Y += headerHeight;
    }

    /// <summary>Natural widths; if too wide, the name column gives way first, then all columns shrink evenly.</summary>
    internal static double[] ColumnWidths(XGraphics gfx, StatTable table, XFont regular, XFont bold)
    {
        int n = table.Columns.Count + 1;
        var widths = new double[n];
        string[] headers = [table.IndexHeader, .. table.Columns.Select(c => c.Header)];
        for (int c = 0; c < n; c++)
        {
            // Headers wrap at spaces, so only their longest word sets a minimum.
            double longestWord = headers[c].Split(' ').Max(w => gfx.MeasureString(w, bold).Width);
            widths[c] = longestWord + 2 * Pad;
        }
        foreach (var row in table.Rows)
        {
            var font = row.Style == RowStyle.Summary ? bold : regular;
            widths[0] = Math.Max(widths[0], gfx.MeasureString(row.Name, font).Width + 2 * Pad);
            for (int c = 0; c < row.Cells.Count && c + 1 < n; c++)
            {
                widths[c + 1] = Math.Max(widths[c + 1], gfx.MeasureString(row.Cells[c], font).Width + 2 * Pad);
            }
        }
        double available = PdfPageFlow.ContentWidth;
        if (widths.Sum() <= available)
        {
            return widths;
        }
        double others = widths.Sum() - widths[0];
        widths[0] = Math.Max(MinNameWidth, available - others);
        if (widths.Sum() > available)
        {
            double factor = (available - widths[0]) / others;
            for (int c = 1; c < n; c++)
            {
                widths[c] *= factor;
            }
        }
        return widths;
    }
}
