using ProdStatus.Engine.Http;

namespace ProdStatus.Engine.Configuration;

/// <summary>
/// The PanDA monitor (BigPanDA) connection. Section <c>ProdStatus:Panda</c>. Resilience defaults: attempt 60 s (the wait
/// for headers, then for each next part of a streamed answer), total 1800 s, 5 retries (5xx, 408, 429, timeouts),
/// back-off from 1000 ms, Retry-After up to 300 s.
/// </summary>
public sealed class PandaOptions : HttpServiceOptions
{
    public const string Section = "ProdStatus:Panda";

    public PandaOptions()
    {
        TimeoutSeconds = 60;
        TotalTimeoutSeconds = 1800;
        MaxRetries = 5;
        RetryDelayMilliseconds = 1000;
        MaxRetryAfterSeconds = 300;
    }

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
