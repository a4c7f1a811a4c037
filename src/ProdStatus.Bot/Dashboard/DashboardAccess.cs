using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Engine.Render.Dashboard;

namespace ProdStatus.Bot.Dashboard;

/// <summary>
/// Who may see a dashboard page: a signed-in user (when OpenID Connect is configured) or the holder of a valid signed
/// link for exactly this subject. Anything else gets a 403 page that says why and shows no data; without a link and
/// with sign-in configured, the user is sent to sign in.
/// </summary>
internal sealed class DashboardAccess(DashboardLinks links, IOptions<DashboardOptions> options)
{
    /// <summary>Null when access is granted, else the result to send.</summary>
    public IResult? Check(HttpContext context, string subject, string? exp, string? sig)
    {
        var o = options.Value;
        if (o.Oidc.Enabled && context.User.Identity?.IsAuthenticated == true)
        {
            return null;
        }
        bool haveKeys = !string.IsNullOrEmpty(o.LinkKey) || o.LinkKeys.Count > 0;
        if (string.IsNullOrEmpty(exp) && string.IsNullOrEmpty(sig))
        {
            if (o.Oidc.Enabled)
            {
                return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString });
            }
            if (!haveKeys)
            {
                return Page(StatusCodes.Status503ServiceUnavailable, "Dashboard not configured",
                    $"Set {DashboardOptions.Section}:LinkKey (signed links) or {DashboardOptions.Section}:Oidc:Authority (sign-in).");
            }
        }
        var verdict = haveKeys ? links.Verify(subject, exp, sig) : DashboardLinkResult.Mismatch;
        return verdict switch
        {
            DashboardLinkResult.Valid => null,
            DashboardLinkResult.Expired => Forbidden("This link has expired. Ask for a new one: prodstat dashboard-link, or the bot's latest message."),
            DashboardLinkResult.Missing => Forbidden("This page needs a signed link: use the one in the bot's messages, or make one with prodstat dashboard-link."),
            _ => Forbidden(subject == DashboardLinks.ListSubject
                ? "This link is not valid for the campaign list: it was altered or made for something else."
                : $"This link is not valid for {subject}: it was altered or made for another campaign."),
        };
    }

    public static IResult Forbidden(string message) => Page(StatusCodes.Status403Forbidden, "Access denied", message);

    public static IResult Page(int status, string title, string message) =>
        TypedResults.Content(DashboardHtml.Message(title, message), "text/html; charset=utf-8", statusCode: status);
}
