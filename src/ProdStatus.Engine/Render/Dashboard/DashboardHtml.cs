using System.Globalization;
using System.Net;
using System.Text;
using ProdStatus.Engine.Render.Reports;

namespace ProdStatus.Engine.Render.Dashboard;

/// <summary>How a page is served: self-reload, the Refresh form, where the fonts are, where the list is.</summary>
/// <param name="RefreshSeconds">Reload interval (a meta refresh); null for a static copy.</param>
/// <param name="Refresh">The Refresh button's form; null for a static copy.</param>
/// <param name="FontUrl">Folder URL of DejaVuSans.ttf / DejaVuSans-Bold.ttf, used when the reader has no DejaVu installed.</param>
/// <param name="Notice">A line shown above the page (e.g. "refresh queued").</param>
public sealed record DashboardPageOptions(int? RefreshSeconds = null, DashboardRefreshForm? Refresh = null, string? FontUrl = null,
    string? ListUrl = null, string? Notice = null)
{
    public static readonly DashboardPageOptions Static = new();
}

/// <summary>The Refresh button: a POST to <paramref name="Action"/> carrying <paramref name="Fields"/> (the signed link's exp and sig).</summary>
public sealed record DashboardRefreshForm(string Action, IReadOnlyList<KeyValuePair<string, string>> Fields);

/// <summary>The shared page frame (head, CSS, header) and small HTML helpers. Everything is encoded here.</summary>
public static class DashboardHtml
{
    private const string Css = """
        :root { color-scheme: light; }
        body { font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 14px; line-height: 1.45; margin: 0; color: #1a1a1a; background: #fff; }
        header, main { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
        header { padding-top: 16px; border-bottom: 1px solid #c8ced6; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #dde2e8; padding-bottom: 4px; }
        p.meta { color: #4a4a4a; margin: 0 0 12px; }
        a { color: #0b4f8a; }
        a:focus, button:focus { outline: 3px solid #f2a900; outline-offset: 2px; }
        .notice { background: #e3f0fb; border: 1px solid #0b4f8a; padding: 8px 12px; margin: 12px 0; }
        form.refresh { display: inline; }
        button { font: inherit; padding: 4px 14px; border: 1px solid #0b4f8a; background: #0b4f8a; color: #fff; border-radius: 3px; cursor: pointer; }
        ul.counts { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 8px; }
        ul.counts li { padding: 6px 12px; border-radius: 4px; min-width: 90px; }
        ul.counts .n { display: block; font-size: 24px; font-weight: bold; }
        dl.totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 6px 16px; margin: 8px 0; }
        dl.totals div { border-left: 3px solid #c8ced6; padding-left: 8px; }
        dl.totals dt { color: #4a4a4a; font-size: 12px; }
        dl.totals dd { margin: 0; font-weight: bold; font-variant-numeric: tabular-nums; }
        .tone-good { background: #e6f4ea; color: #14532d; }
        .tone-warning { background: #fff4ce; color: #5c4100; }
        .tone-bad { background: #fde2e1; color: #7f1d1d; }
        .tone-running { background: #e3f0fb; color: #0b3d6b; }
        .tone-neutral { background: #eef0f3; color: #2b2b2b; }
        .chart-box { overflow-x: auto; max-width: 100%; border: 1px solid #dde2e8; }
        svg.chart { width: 100%; height: auto; display: block; }
        .scroll { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; margin: 8px 0; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        th, td { border: 1px solid #c8ced6; padding: 3px 8px; white-space: nowrap; }
        thead th { background: #e8ecf2; text-align: left; }
        tbody th { text-align: left; font-weight: normal; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.msg { white-space: normal; min-width: 24em; max-width: 48em; overflow-wrap: anywhere; }
        h3 { font-size: 16px; margin: 18px 0 6px; }
        tr.summary th, tr.summary td { font-weight: bold; background: #f2f2f2; }
        details { margin: 6px 0; }
        summary { cursor: pointer; }
        p.eta { font-weight: bold; }
        @media (max-width: 600px) {
          body { font-size: 13px; } h1 { font-size: 18px; } ul.counts li { min-width: 70px; }
          svg.chart { min-width: 640px; } /* labels stay legible; the chart scrolls inside its box */
          tbody th { white-space: normal; overflow-wrap: anywhere; min-width: 9em; } /* long task types wrap, numbers stay in view */
        }
        @media print {
          form.refresh, .notice { display: none; }
          header, main { max-width: none; }
          section { break-inside: avoid-page; }
          .chart-box { border: none; overflow: visible; }
          svg.chart { min-width: 0; }
          a { color: #000; text-decoration: none; }
          .scroll { overflow: visible; }
        }
        """;

    /// <summary>A whole page: head (title, optional reload, CSS, fonts), the header and <paramref name="main"/>.</summary>
    public static string Page(string title, string heading, string meta, string main, DashboardPageOptions options)
    {
        var sb = new StringBuilder(main.Length + 8192);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (options.RefreshSeconds is { } seconds)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<meta http-equiv=\"refresh\" content=\"{seconds}\">\n");
        }
        sb.Append("<title>").Append(Enc(title)).Append("</title>\n<style>\n");
        if (options.FontUrl is { } fonts)
        {
            string dir = fonts.EndsWith('/') ? fonts : fonts + "/";
            sb.Append("@font-face { font-family: \"DejaVu Sans\"; src: local(\"DejaVu Sans\"), url(\"").Append(Enc(dir)).Append("DejaVuSans.ttf\"); }\n")
              .Append("@font-face { font-family: \"DejaVu Sans\"; font-weight: bold; src: local(\"DejaVu Sans Bold\"), url(\"").Append(Enc(dir)).Append("DejaVuSans-Bold.ttf\"); }\n");
        }
        sb.Append(Css).Append("</style></head>\n<body>\n<header>\n<h1>").Append(Enc(heading)).Append("</h1>\n")
          .Append("<p class=\"meta\">").Append(meta).Append("</p>\n</header>\n<main>\n");
        if (options.Notice is { } notice)
        {
            sb.Append("<p class=\"notice\" role=\"status\">").Append(Enc(notice)).Append("</p>\n");
        }
        sb.Append(main).Append("</main>\n</body></html>\n");
        return sb.ToString();
    }

    /// <summary>The page shown instead of any data when access is refused (403) or the campaign is unknown (404).</summary>
    public static string Message(string title, string message, DashboardPageOptions? options = null) =>
        Page(title, title, "ProdStatus campaign dashboard", $"<p>{Enc(message)}</p>\n", options ?? DashboardPageOptions.Static);

    public static string Enc(string? s) => WebUtility.HtmlEncode(s ?? "");

    public static string ToneClass(StatusTone tone) => "tone-" + tone.ToString().ToLowerInvariant();

    public static string Utc(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "never";

    public static string Num(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Link(string? href, string text) =>
        href is null ? Enc(text) : $"<a href=\"{Enc(href)}\">{Enc(text)}</a>";

    /// <summary>The campaign list: each campaign with its workflow statuses and last refresh.</summary>
    public static string List(IReadOnlyList<CampaignListEntry> campaigns, Func<string, string> href, DashboardPageOptions options)
    {
        var sb = new StringBuilder();
        sb.Append("<section aria-labelledby=\"h-campaigns\"><h2 id=\"h-campaigns\">Campaigns in the store</h2>\n");
        if (campaigns.Count == 0)
        {
            sb.Append("<p>The store holds no campaign yet.</p>\n");
        }
        else
        {
            sb.Append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">campaign</th><th scope=\"col\">workflows by status</th>")
              .Append("<th scope=\"col\">last refresh</th></tr></thead>\n<tbody>\n");
            foreach (var c in campaigns)
            {
                sb.Append("<tr><th scope=\"row\">").Append(Link(href(c.Jira), c.Jira)).Append("</th><td>");
                foreach (var s in c.StatusCounts)
                {
                    sb.Append("<span class=\"").Append(ToneClass(s.Tone)).Append("\">").Append(s.Workflows.ToString(CultureInfo.InvariantCulture))
                      .Append(' ').Append(Enc(s.Status)).Append("</span> ");
                }
                sb.Append("</td><td>").Append(Utc(c.LastRefreshUtc)).Append("</td></tr>\n");
            }
            sb.Append("</tbody></table></div>\n");
        }
        sb.Append("</section>\n");
        return Page("Campaigns — ProdStatus", "Campaigns", "ProdStatus campaign dashboard", sb.ToString(), options);
    }
}
