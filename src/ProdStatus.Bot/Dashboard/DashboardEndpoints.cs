using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProdStatus.Bot.Worker;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Inbox;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Engine.Render.Dashboard;
using ProdStatus.Engine.Render.Fonts;

namespace ProdStatus.Bot.Dashboard;

/// <summary>
/// <c>GET /campaigns</c>, <c>GET /campaigns/{issue}</c> (HTML), <c>GET /campaigns/{issue}.json</c> and
/// <c>POST /campaigns/{issue}/refresh</c>. Pages are rendered from the store only; Refresh queues an inbox job and
/// answers at once (the worker refreshes the store from PanDA). Every response is private: no caching, no referrer
/// (the signed link must not travel to PanDA or Jira), no framing, and nothing loaded from elsewhere.
/// </summary>
internal static class DashboardEndpoints
{
    private const string Html = "text/html; charset=utf-8";
    private const string Csp = "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src 'self' data:; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static RouteGroupBuilder MapDashboard(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers["X-Content-Type-Options"] = "nosniff";
            headers.ContentSecurityPolicy = Csp;
            return await next(context);
        });
        group.MapGet("/", ListAsync);
        group.MapGet("/{issue}", CampaignAsync);
        group.MapPost("/{issue}/refresh", RefreshAsync).DisableAntiforgery();
        group.MapGet("/fonts/{file}", Font);
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext context, DashboardAccess access, DashboardLinks links, CampaignDashboardBuilder builder,
        IOptions<DashboardOptions> options, string? exp, string? sig)
    {
        if (access.Check(context, DashboardLinks.ListSubject, exp, sig) is { } denied)
        {
            return denied;
        }
        var campaigns = await builder.ListAsync(context.RequestAborted);
        string root = Root(context);
        string html = DashboardHtml.List(campaigns, jira => root + DashboardLinks.Path(jira) + (links.QueryFor(jira) is { } q ? "?" + q : ""),
            PageOptions(context, options.Value, null, null));
        return TypedResults.Content(html, Html);
    }

    private static async Task<IResult> CampaignAsync(HttpContext context, string issue, DashboardAccess access, DashboardLinks links,
        CampaignPages pages, DashboardPageRenderer renderer, IOptions<DashboardOptions> options, string? exp, string? sig, string? queued)
    {
        bool json = issue.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        string subject = DashboardLinks.Normalize(json ? issue[..^".json".Length] : issue);
        if (access.Check(context, subject, exp, sig) is { } denied)
        {
            return denied;
        }
        var page = await pages.GetAsync(subject, context.RequestAborted);
        if (page is null)
        {
            return DashboardAccess.Page(StatusCodes.Status404NotFound, "Campaign not found", $"The store holds nothing for {subject} yet.");
        }
        if (json)
        {
            return TypedResults.Text(JsonSerializer.Serialize(page.Dashboard, DashboardJson.Default.CampaignDashboard), "application/json; charset=utf-8");
        }
        var fields = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(exp) && !string.IsNullOrEmpty(sig))
        {
            fields.Add(new("exp", exp));
            fields.Add(new("sig", sig));
        }
        var form = new DashboardRefreshForm($"{Root(context)}{DashboardLinks.Path(subject)}/refresh", fields);
        string? notice = queued == "1" ? "Refresh queued: the page shows the new figures once the bot has read PanDA." : null;
        return TypedResults.Content(renderer.Render(page.Dashboard, page.Sections, PageOptions(context, options.Value, form, notice)), Html);
    }

    private static async Task<IResult> RefreshAsync(HttpContext context, string issue, DashboardAccess access, InboxRepository inbox, TimeProvider time)
    {
        string subject = DashboardLinks.Normalize(issue);
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        string? exp = form?["exp"], sig = form?["sig"];
        if (access.Check(context, subject, exp, sig) is { } denied)
        {
            return denied;
        }
        // One job per campaign per minute however often the button is pressed; pending ones are superseded by the newest.
        long minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        await inbox.EnqueueAsync(InboxKinds.DashboardRefresh, string.Create(CultureInfo.InvariantCulture, $"dashboard:{subject}:{minute}"), subject,
            JsonSerializer.Serialize(new DashboardRefreshJob(subject), BotJson.Default.DashboardRefreshJob), TimeSpan.Zero, context.RequestAborted);
        string query = string.IsNullOrEmpty(exp) ? "?queued=1" : $"?exp={Uri.EscapeDataString(exp)}&sig={Uri.EscapeDataString(sig!)}&queued=1";
        return TypedResults.Redirect(Root(context) + DashboardLinks.Path(subject) + query, permanent: false, preserveMethod: false);
    }

    /// <summary>The page's fonts (DejaVu, public files), for readers who do not have them installed.</summary>
    private static IResult Font(string file, FontLibrary fonts) => file switch
    {
        FontLibrary.RegularFile => TypedResults.Bytes(fonts.RegularBytes, "font/ttf"),
        FontLibrary.BoldFile => TypedResults.Bytes(fonts.BoldBytes, "font/ttf"),
        _ => TypedResults.NotFound(),
    };

    /// <summary>Links between the pages are absolute paths under the app's base path (it may sit behind a proxy prefix).</summary>
    private static string Root(HttpContext context) => context.Request.PathBase + "/";

    private static DashboardPageOptions PageOptions(HttpContext context, DashboardOptions o, DashboardRefreshForm? form, string? notice) =>
        new(o.RefreshSeconds, form, Root(context) + "campaigns/fonts/",
            o.Oidc.Enabled && context.User.Identity?.IsAuthenticated == true ? Root(context) + "campaigns" : null, notice);
}
