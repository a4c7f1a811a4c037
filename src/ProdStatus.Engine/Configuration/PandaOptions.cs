namespace ProdStatus.Engine.Configuration;

/// <summary>The PanDA monitor (BigPanDA) connection. Section <c>ProdStatus:Panda</c>.</summary>
public sealed class PandaOptions
{
    public const string Section = "ProdStatus:Panda";

    /// <summary>Monitor base URL, e.g. <c>https://usdf-panda-bigmon.slac.stanford.edu:8443/</c>. Required unless replaying.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Secret: an IAM id_token (Bearer) or a BigMon API token (Token). Never logged.</summary>
    public string? Token { get; set; }

    /// <summary><value>Default: <see cref="PandaTokenKind.Bearer"/>.</value></summary>
    public PandaTokenKind TokenKind { get; set; } = PandaTokenKind.Bearer;

    /// <summary>Optional <c>Origin</c> header (the VO, e.g. <c>Rubin</c>).</summary>
    public string? Origin { get; set; }

    /// <summary>panda-client token cache. <value>Default: <c>$PANDA_CONFIG_ROOT/.token</c>.</value></summary>
    public string? TokenFile { get; set; }

    /// <summary>Requests in flight at once: a refresh starts here, halves the number when the monitor answers 429 or 503
    /// and grows back by one per window of good answers, never above this. <value>Default: 8 (1–64).</value></summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Time allowed for one attempt until the response headers arrive. <value>Default: 60 s (1–600).</value></summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Retries of a failed request (5xx, 408, 429, timeouts). <value>Default: 5 (0–10).</value></summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First back-off delay; doubles per retry, with jitter. <value>Default: 1000 ms.</value></summary>
    public int RetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>A 429 whose Retry-After asks for longer than this fails at once instead of waiting. <value>Default: 300 s.</value></summary>
    public int MaxRetryAfterSeconds { get; set; } = 300;

    /// <summary>PEM file with extra CA certificates (USDF's monitor uses the CERN Grid CA).</summary>
    public string? CaCertificateFile { get; set; }
}

public enum PandaTokenKind
{
    /// <summary><c>Authorization: Bearer &lt;id_token&gt;</c>.</summary>
    Bearer,

    /// <summary><c>Authorization: Token &lt;BigMon API token&gt;</c>.</summary>
    Token,
}
