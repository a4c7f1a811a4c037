namespace ProdStatus.Engine.Configuration;

/// <summary>Butler registry and datastore access for get-butler-stat. Section <c>ProdStatus:Butler</c>.</summary>
public sealed class ButlerOptions
{
    public const string Section = "ProdStatus:Butler";

    /// <summary>Metadata files read at once. <value>Default: 16 (1–256).</value></summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>A metadata file larger than this is reported as unreadable instead of loaded. <value>Default: 64 MiB.</value></summary>
    public long MaxMetadataBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>PostgreSQL registry user; wins over <see cref="DbAuthFile"/>.</summary>
    public string? DbAuthUser { get; set; }

    /// <summary>Secret: PostgreSQL registry password. Never logged; sent only to registries matching <see cref="DbAuthUrl"/>.</summary>
    public string? DbAuthPassword { get; set; }

    /// <summary>
    /// Which registries <see cref="DbAuthPassword"/> is for, as a db-auth.yaml <c>url</c> pattern
    /// (<c>postgresql://*.slac.stanford.edu:5432/*</c>). Required with the password.
    /// </summary>
    public string? DbAuthUrl { get; set; }

    /// <summary>
    /// Where a <c>butlerConfig</c> read from a Jira description may point: local directories or <c>s3://bucket/prefix</c>.
    /// Empty: such paths are refused (Butler statistics then say why).
    /// </summary>
    public List<string> AllowedRoots { get; set; } = [];

    /// <summary>The daf_butler credentials file. <value>Default: <c>~/.lsst/db-auth.yaml</c>.</value></summary>
    public string DbAuthFile { get; set; } = "~/.lsst/db-auth.yaml";

    /// <summary>S3 endpoint (e.g. <c>https://s3dfrgw.slac.stanford.edu</c>). <value>Default: AWS, or <c>S3_ENDPOINT_URL</c>.</value></summary>
    public string? S3EndpointUrl { get; set; }

    /// <summary>S3 region. <value>Default: <c>AWS_REGION</c>, else <c>us-east-1</c>.</value></summary>
    public string? S3Region { get; set; }

    /// <summary>S3 access key; without it the standard AWS chain (environment, profile) is used.</summary>
    public string? S3AccessKeyId { get; set; }

    /// <summary>Secret: S3 secret key. Never logged.</summary>
    public string? S3SecretAccessKey { get; set; }

    /// <summary>Path-style bucket addressing (needed by most non-AWS endpoints). <value>Default: true.</value></summary>
    public bool S3ForcePathStyle { get; set; } = true;
}
