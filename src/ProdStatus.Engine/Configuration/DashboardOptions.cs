namespace ProdStatus.Engine.Configuration;

/// <summary>The campaign dashboard (<c>GET /campaigns/{issue}</c> in the bot) and its signed links. Section <c>ProdStatus:Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    public const string Section = "ProdStatus:Dashboard";

    /// <summary>Public base URL of the bot host, e.g. <c>https://prodstat.example.org/</c>. Empty: no dashboard links anywhere.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Secret: the HMAC-SHA256 key that signs new links (at least 32 characters). Never logged.</summary>
    public string? LinkKey { get; set; }

    /// <summary>Secrets: older keys whose links are still accepted (rotation: move the old LinkKey here).</summary>
    public List<string> LinkKeys { get; set; } = [];

    /// <summary>How long a link made by the bot stays valid. <value>Default: 30 days (1–366).</value></summary>
    public int ValidDays { get; set; } = 30;

    /// <summary>How often an open page reloads itself (the watch interval). <value>Default: 300 s (10–86400).</value></summary>
    public int RefreshSeconds { get; set; } = 300;

    /// <summary>How many campaigns' pages (model and charts) are kept in memory, least recently viewed dropped first;
    /// 0 turns the cache off. <value>Default: 20 (0–10000).</value></summary>
    public int CachedCampaigns { get; set; } = 20;

    /// <summary>Optional OpenID Connect sign-in; when configured, signed links are not needed.</summary>
    public DashboardOidcOptions Oidc { get; set; } = new();

    /// <summary>Links can be made: a base URL and either a signing key or sign-in.</summary>
    public bool LinksEnabled => !string.IsNullOrWhiteSpace(BaseUrl) && (!string.IsNullOrEmpty(LinkKey) || Oidc.Enabled);
}

/// <summary>OpenID Connect sign-in for the dashboard. Section <c>ProdStatus:Dashboard:Oidc</c>.</summary>
public sealed class DashboardOidcOptions
{
    /// <summary>The identity provider's issuer URL (its <c>/.well-known/openid-configuration</c> is read). Empty: no sign-in.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Secret: the client secret (confidential client, authorization code flow).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Extra scopes beyond <c>openid profile</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Allow an http (not https) authority: only for a loopback test provider. <value>Default: false.</value></summary>
    public bool AllowHttpAuthority { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
