namespace ProdStatus.Engine.Configuration;

/// <summary>Delivery of Adaptive Cards to a Teams Workflows webhook. Section <c>ProdStatus:Teams</c>.</summary>
public sealed class TeamsOptions
{
    public const string Section = "ProdStatus:Teams";

    /// <summary>Secret: the Workflows trigger URL (its <c>sig=</c> query authorises the post). Never logged.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Time allowed for one attempt. <value>Default: 30 s (1–300).</value></summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after a 429 (the only answer after which a post is known not to have been taken). <value>Default: 3 (0–10).</value></summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>A 429 asking to wait longer than this fails at once. <value>Default: 120 s (0–3600).</value></summary>
    public int MaxRetryAfterSeconds { get; set; } = 120;
}
