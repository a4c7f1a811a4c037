using System.Globalization;
using PdfSharp.Drawing;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Render.Pdf;

/// <summary>The first page's head: title, generation time, data window, links, status counts and campaign totals.</summary>
internal static class PdfSummaryBlock
{
    private static readonly XColor Accent = XColor.FromArgb(0x1F, 0x4E, 0x79);

    public static void Draw(PdfPageFlow flow, CampaignReport report)
    {
        var gfx = flow.Graphics;
        double left = PdfPageFlow.Left;
        double width = PdfPageFlow.ContentWidth;
        gfx.DrawString(report.Title, PdfFonts.Bold(20), new XSolidBrush(Accent), new XRect(left, flow.Y, width, 26), XStringFormats.CenterLeft);
        flow.Y += 30;

        var small = PdfFonts.Regular(9);
        Line(flow, small, $"Generated {UtcTimestamps.Format(report.GeneratedUtc)} UTC");
        if (report.Window is { } w)
        {
            Line(flow, small, string.Create(CultureInfo.InvariantCulture, $"Data window {w.Start:yyyy-MM-dd} to {w.Stop:yyyy-MM-dd} (UTC, inclusive)"));
        }
        if (report.Links.Jira is { } jira)
        {
            flow.Link(Line(flow, small, $"Jira: {jira.AbsoluteUri}", XBrushes.Navy), jira);
        }
        if (report.Links.Panda is { } panda)
        {
            flow.Link(Line(flow, small, $"PanDA monitor: {panda.AbsoluteUri}", XBrushes.Navy), panda);
        }
        flow.Y += 8;

        Heading(flow, "Workflows by status");
        DrawStatusCounts(flow, report.StatusCounts);
        Heading(flow, "Campaign totals");
        DrawFigures(flow, report.Totals);
    }

    public static void Heading(PdfPageFlow flow, string text)
    {
        flow.EnsureSpace(60);
        flow.Graphics.DrawString(text, PdfFonts.Bold(12), new XSolidBrush(Accent),
            new XRect(PdfPageFlow.Left, flow.Y, PdfPageFlow.ContentWidth, 16), XStringFormats.CenterLeft);
        flow.Y += 20;
    }

    private static XRect Line(PdfPageFlow flow, XFont font, string text, XBrush? brush = null)
    {
        var gfx = flow.Graphics;
        string fitted = PdfText.Fit(gfx, text, font, PdfPageFlow.ContentWidth);
        var rect = new XRect(PdfPageFlow.Left, flow.Y, gfx.MeasureString(fitted, font).Width, 12);
        gfx.DrawString(fitted, font, brush ?? XBrushes.Black, rect, XStringFormats.CenterLeft);
        flow.Y += 13;
        return rect;
    }

    private static void DrawStatusCounts(PdfPageFlow flow, IReadOnlyList<StatusCount> counts)
    {
        if (counts.Count == 0)
        {
            Line(flow, PdfFonts.Regular(9), "No workflow matched the campaign.");
            flow.Y += 8;
            return;
        }
        Tiles(flow, counts.Select(c => (c.Status, c.Workflows.ToString(CultureInfo.InvariantCulture), Fill(c.Tone))).ToList());
    }

    private static void DrawFigures(PdfPageFlow flow, IReadOnlyList<ReportFigure> figures) =>
        Tiles(flow, figures.Select(f => (f.Label, f.Value, XColor.FromArgb(0xF4, 0xF6, 0xF9))).ToList());

    /// <summary>Boxes with a small label over a large value, eight to a row.</summary>
    private static void Tiles(PdfPageFlow flow, IReadOnlyList<(string Label, string Value, XColor Fill)> tiles)
    {
        const int PerRow = 8;
        const double Gap = 6;
        const double Height = 38;
        double tileWidth = (PdfPageFlow.ContentWidth - (PerRow - 1) * Gap) / PerRow;
        var label = PdfFonts.Regular(7.5);
        XFont[] values = [PdfFonts.Bold(13), PdfFonts.Bold(10.5), PdfFonts.Bold(8.5), PdfFonts.Bold(7)];
        var gfx = flow.Graphics;
        for (int i = 0; i < tiles.Count; i++)
        {
            if (i % PerRow == 0 && i > 0)
            {
                flow.Y += Height + Gap;
            }
            var rect = new XRect(PdfPageFlow.Left + (i % PerRow) * (tileWidth + Gap), flow.Y, tileWidth, Height);
            gfx.DrawRectangle(new XPen(XColors.LightGray, 0.5), new XSolidBrush(tiles[i].Fill), rect);
            gfx.DrawString(PdfText.Fit(gfx, tiles[i].Label, label, tileWidth - 8), label, XBrushes.DimGray,
                new XRect(rect.X + 4, rect.Y + 3, tileWidth - 8, 11), XStringFormats.CenterLeft);
            // Long values (durations of several days) step down in size before they are ellipsized.
            var font = values.FirstOrDefault(f => gfx.MeasureString(tiles[i].Value, f).Width <= tileWidth - 8) ?? values[^1];
            gfx.DrawString(PdfText.Fit(gfx, tiles[i].Value, font, tileWidth - 8), font, XBrushes.Black,
                new XRect(rect.X + 4, rect.Y + 15, tileWidth - 8, 20), XStringFormats.CenterLeft);
        }
        flow.Y += Height + 14;
    }

    private static XColor Fill(StatusTone tone) => tone switch
    {
        StatusTone.Good => XColor.FromArgb(0xD4, 0xED, 0xDA),
        StatusTone.Warning => XColor.FromArgb(0xFB, 0xEE, 0xB0),
        StatusTone.Bad => XColor.FromArgb(0xF8, 0xC9, 0xC4),
        StatusTone.Running => XColor.FromArgb(0xD6, 0xE4, 0xF5),
        _ => XColor.FromArgb(0xF2, 0xF2, 0xF2),
    };
}
