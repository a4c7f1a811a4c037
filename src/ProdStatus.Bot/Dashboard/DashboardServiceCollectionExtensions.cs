using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using ProdStatus.Engine.Configuration;

namespace ProdStatus.Bot.Dashboard;

internal static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// The dashboard's access check and, when <c>ProdStatus:Dashboard:Oidc:Authority</c> is set, OpenID Connect sign-in
    /// (authorization code flow with PKCE) keeping the session in a SameSite=Lax cookie, so another site cannot post
    /// the Refresh form with it. The engine registers the dashboard itself (options, links, renderer).
    /// </summary>
    public static IServiceCollection AddDashboardAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DashboardAccess>();
        var oidc = configuration.GetSection($"{DashboardOptions.Section}:Oidc").Get<DashboardOidcOptions>() ?? new DashboardOidcOptions();
        if (!oidc.Enabled)
        {
            return services;
        }
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "prodstat-dashboard";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.HttpOnly = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.SaveTokens = false;
                o.MapInboundClaims = false;
                o.RequireHttpsMetadata = !oidc.AllowHttpAuthority;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                foreach (string scope in oidc.Scopes)
                {
                    o.Scope.Add(scope);
                }
            });
        return services;
    }

    /// <summary>Sign-in middleware, only when sign-in is configured.</summary>
    public static WebApplication UseDashboardAccess(this WebApplication app)
    {
        var oidc = app.Configuration.GetSection($"{DashboardOptions.Section}:Oidc").Get<DashboardOidcOptions>() ?? new DashboardOidcOptions();
        if (oidc.Enabled)
        {
            app.UseAuthentication();
        }
        return app;
    }
}
