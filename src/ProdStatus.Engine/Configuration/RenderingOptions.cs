namespace ProdStatus.Engine.Configuration;

/// <summary>Fonts and limits for PNG and PDF rendering. Section <c>ProdStatus:Rendering</c>.</summary>
public sealed class RenderingOptions
{
    public const string Section = "ProdStatus:Rendering";

    /// <summary>Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf.
    /// <value>Default: <c>/usr/share/fonts/truetype/dejavu</c> (Debian package fonts-dejavu-core).</value></summary>
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/dejavu";

    /// <summary>Rows a table PNG shows (totals included), the ones with the most CPU-hours; the CSV, HTML and Jira text
    /// keep every row. <value>Default: 60 (5–500).</value></summary>
    public int MaxImageRows { get; set; } = 60;
}
