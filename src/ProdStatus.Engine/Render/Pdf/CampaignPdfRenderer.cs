using System.Security.Cryptography;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ProdStatus.Engine.Render.Fonts;
using ProdStatus.Engine.Render.Reports;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Render.Pdf;

/// <summary>
/// The campaign summary PDF: title block, status counts, totals, top task types, every table, then the plots; landscape
/// A4 with page numbers. The same report gives the same bytes: the generation time is the only varying input.
/// </summary>
public sealed class CampaignPdfRenderer(FontLibrary fonts)
{
    private const double PlotGap = 14;
    private const double CaptionHeight = 14;
    private const double MaxPlotHeight = 205;

    /// <summary>Failure rows in the PDF; the full list is the pandaErrors table.</summary>
    private const int MaxFailureRows = 25;

    public byte[] Render(CampaignReport report)
    {
        PdfFonts.Install(fonts);
        using var document = new PdfDocument();
        document.Info.Title = report.Title;
        document.Info.Subject = $"PanDA campaign statistics for {report.Jira}";
        document.Info.Creator = "prodstat";
        document.Info.CreationDate = report.GeneratedUtc.UtcDateTime;
        document.Info.ModificationDate = report.GeneratedUtc.UtcDateTime;
        // PDFsharp draws a random file identifier; derive it from the content's identity instead.
        string id = DocumentId(report);
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;

        using (var flow = new PdfPageFlow(document, report.GeneratedUtc, id))
        {
            PdfSummaryBlock.Draw(flow, report);
            if (report.TopTaskTypes.Count > 0)
            {
                PdfTableDrawer.Draw(flow, report.TopTaskTable());
            }
            if (report.FailureLines.Count > 0)
            {
                PdfTableDrawer.Draw(flow, report.FailureTable(MaxFailureRows));
            }
            foreach (var table in report.Tables)
            {
                PdfTableDrawer.Draw(flow, table);
            }
            if (report.Plots.Count > 0)
            {
                DrawPlots(flow, report.Plots);
            }
            flow.AddFooters($"{report.Title} · generated {UtcTimestamps.Format(report.GeneratedUtc)} UTC");
        }
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return PdfDeterminism.Stabilize(stream.ToArray(), id);
    }

    /// <summary>Two plots side by side, each scaled to its cell, caption underneath.</summary>
    private static void DrawPlots(PdfPageFlow flow, IReadOnlyList<ReportPlot> plots)
    {
        flow.NewPage();
        PdfSummaryBlock.Heading(flow, "Plots");
        double cellWidth = (PdfPageFlow.ContentWidth - PlotGap) / 2;
        var caption = PdfFonts.Regular(8.5);
        for (int i = 0; i < plots.Count; i += 2)
        {
            var pair = plots.Skip(i).Take(2).ToList();
            var images = pair.Select(p => XImage.FromStream(new MemoryStream(p.Png.ToArray(), writable: false))).ToList();
            try
            {
                var sizes = images.Select(img => Fit(img, cellWidth)).ToList();
                flow.EnsureSpace(sizes.Max(s => s.Height) + CaptionHeight);
                for (int k = 0; k < images.Count; k++)
                {
                    double x = PdfPageFlow.Left + k * (cellWidth + PlotGap);
                    flow.Graphics.DrawImage(images[k], x, flow.Y, sizes[k].Width, sizes[k].Height);
                    flow.Graphics.DrawString(PdfText.Fit(flow.Graphics, pair[k].Caption, caption, cellWidth), caption, XBrushes.Black,
                        new XRect(x, flow.Y + sizes[k].Height + 2, cellWidth, CaptionHeight - 2), XStringFormats.TopLeft);
                }
                flow.Y += sizes.Max(s => s.Height) + CaptionHeight + PlotGap;
            }
            finally
            {
                images.ForEach(img => img.Dispose());
            }
        }
    }

    private static XSize Fit(XImage image, double maxWidth)
    {
        double width = image.PixelWidth;
        double height = image.PixelHeight;
        double scale = Math.Min(maxWidth / width, MaxPlotHeight / height);
        return new XSize(width * scale, height * scale);
    }

    private static string DocumentId(CampaignReport report)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{report.Jira}|{report.GeneratedUtc.UtcTicks}"));
        // PDFsharp keeps the identifier as a string of byte-valued characters.
        return new string(hash.AsSpan(0, 16).ToArray().Select(b => (char)b).ToArray());
    }
}
