using System.Globalization;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Render.Fonts;
using SkiaSharp;

namespace ProdStatus.Engine.Render.Tables;

/// <summary>
/// Draws a table as a PNG sized to its content (the original drew 20×35-inch matplotlib figures). At most
/// <see cref="RenderingOptions.MaxImageRows"/> rows (see <see cref="ImageRows"/>) and cells of at most
/// <see cref="MaxCellChars"/> characters are drawn, so the image, and the memory to draw it, stay bounded.
/// </summary>
public sealed class TablePngRenderer(FontLibrary fonts, IOptions<RenderingOptions> options)
{
    /// <summary>Longer cell texts are cut with an ellipsis.</summary>
    public const int MaxCellChars = 80;

    private const float Scale = 2f;
    private const float FontSize = 13f * Scale;
    private const float PadX = 8f * Scale;
    private const float RowHeight = 22f * Scale;
    private const float Margin = 12f * Scale;

    private static readonly SKColor HeaderFill = new(0xE8, 0xEC, 0xF2);
    private static readonly SKColor FailedFill = new(0xF8, 0xC9, 0xC4);
    private static readonly SKColor WarningFill = new(0xFB, 0xEE, 0xB0);
    private static readonly SKColor SummaryFill = new(0xF2, 0xF2, 0xF2);
    private static readonly SKColor Grid = new(0xBB, 0xBB, 0xBB);
    private static readonly SKColor Ink = new(0x22, 0x22, 0x22);

    /// <param name="csvName">File name of the table's CSV, named in the last line when rows are left out.</param>
    public byte[] Render(StatTable table, string csvName)
    {
        var selection = ImageRows.Select(table, options.Value.MaxImageRows);
        string? footer = selection.Hidden > 0
            ? string.Create(CultureInfo.InvariantCulture, $"\u2026 {selection.Hidden:N0} more rows in {csvName}")
            : null;
        using var regular = new SKFont(fonts.Regular, FontSize);
        using var bold = new SKFont(fonts.Bold, FontSize);
        using var titleFont = new SKFont(fonts.Bold, FontSize * 1.15f);

        int columns = table.Columns.Count + 1;
        var widths = new float[columns];
        Measure(widths, 0, Cut(table.IndexHeader), bold);
        for (int c = 0; c < table.Columns.Count; c++)
        {
            Measure(widths, c + 1, Cut(table.Columns[c].Header), bold);
        }
        foreach (var row in selection.Rows)
        {
            var font = row.Style == RowStyle.Summary ? bold : regular;
            Measure(widths, 0, Cut(row.Name), font);
            for (int c = 0; c < row.Cells.Count && c + 1 < columns; c++)
            {
                Measure(widths, c + 1, Cut(row.Cells[c]), font);
            }
        }

        string title = Cut(table.Title);
        float tableWidth = widths.Sum();
        float titleHeight = RowHeight * 1.4f;
        float textWidth = Math.Max(titleFont.MeasureText(title), footer is null ? 0 : regular.MeasureText(footer));
        int width = (int)Math.Ceiling(Math.Max(tableWidth, textWidth) + 2 * Margin);
        int lines = selection.Rows.Count + 1 + (footer is null ? 0 : 1);
        int height = (int)Math.Ceiling(titleHeight + RowHeight * lines + 2 * Margin);

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var text = new SKPaint { Color = Ink, IsAntialias = true };
        using var fill = new SKPaint { Style = SKPaintStyle.Fill };
        using var line = new SKPaint { Color = Grid, Style = SKPaintStyle.Stroke, StrokeWidth = Scale };

        canvas.DrawText(title, Margin, Margin + titleHeight * 0.7f, SKTextAlign.Left, titleFont, text);
        float y = Margin + titleHeight;
        DrawRow(canvas, y, widths, HeaderFill, fill, line, text, bold,
            [Cut(table.IndexHeader), .. table.Columns.Select(c => Cut(c.Header))], _ => false);
        foreach (var row in selection.Rows)
        {
            y += RowHeight;
            SKColor background = row.Style switch
            {
                RowStyle.Failed => FailedFill,
                RowStyle.Warning => WarningFill,
                RowStyle.Summary => SummaryFill,
                _ => SKColors.White,
            };
            DrawRow(canvas, y, widths, background, fill, line, text, row.Style == RowStyle.Summary ? bold : regular,
                [Cut(row.Name), .. row.Cells.Select(Cut)], c => c > 0 && c - 1 < table.Columns.Count && table.Columns[c - 1].Numeric);
        }
        if (footer is not null)
        {
            canvas.DrawText(footer, Margin, y + RowHeight + (RowHeight * 0.68f), SKTextAlign.Left, regular, text);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static string Cut(string value) => value.Length <= MaxCellChars ? value : string.Concat(value.AsSpan(0, MaxCellChars - 1), "\u2026");

    private static void Measure(float[] widths, int column, string value, SKFont font) =>
        widths[column] = Math.Max(widths[column], font.MeasureText(value) + 2 * PadX);

    private static void DrawRow(SKCanvas canvas, float y, float[] widths, SKColor background, SKPaint fill, SKPaint line,
        SKPaint text, SKFont font, string[] cells, Func<int, bool> rightAligned)
    {
        float x = Margin;
        for (int c = 0; c < widths.Length; c++)
        {
            var rect = new SKRect(x, y, x + widths[c], y + RowHeight);
            fill.Color = background;
            canvas.DrawRect(rect, fill);
            canvas.DrawRect(rect, line);
            string value = c < cells.Length ? cells[c] : "";
            float baseline = y + RowHeight * 0.68f;
            if (rightAligned(c))
            {
                canvas.DrawText(value, rect.Right - PadX, baseline, SKTextAlign.Right, font, text);
            }
            else
            {
                canvas.DrawText(value, rect.Left + PadX, baseline, SKTextAlign.Left, font, text);
            }
            x += widths[c];
        }
    }
}
