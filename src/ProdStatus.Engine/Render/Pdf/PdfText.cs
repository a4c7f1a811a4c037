using PdfSharp.Drawing;

namespace ProdStatus.Engine.Render.Pdf;

/// <summary>Fitting text into a width: word wrap for headers, middle ellipsis for cells.</summary>
internal static class PdfText
{
    private const string Ellipsis = "…";

    /// <summary>
    /// The text if it fits, else its start and end around an ellipsis. Row names (<c>20220127T205646Z_isr_visit</c>)
    /// keep both the timestamp and the task label that way.
    /// </summary>
    public static string Fit(XGraphics gfx, string text, XFont font, double width)
    {
        if (text.Length == 0 || gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }
        int low = 0;
        int high = text.Length - 1;
        while (low < high)
        {
            int mid = (low + high + 1) / 2;
            if (gfx.MeasureString(Cut(text, mid), font).Width <= width)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low == 0 ? Ellipsis : Cut(text, low);
    }

    /// <summary>Greedy word wrap; a single word longer than the width is fitted with an ellipsis.</summary>
    public static IReadOnlyList<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        string current = "";
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
            {
                lines.Add(Fit(gfx, current, font, width));
                current = word;
            }
            else
            {
                current = candidate;
            }
        }
        if (current.Length > 0)
        {
            lines.Add(Fit(gfx, current, font, width));
        }
        return lines.Count > 0 ? lines : [""];
    }

    private static string Cut(string text, int keep)
    {
        int head = (keep + 1) / 2;
        int tail = keep - head;
        return string.Concat(text.AsSpan(0, head), Ellipsis, text.AsSpan(text.Length - tail));
    }
}
