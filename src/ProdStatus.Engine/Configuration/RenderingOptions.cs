namespace ProdStatus.Engine.Configuration;

/// <summary>Fonts for PNG and PDF rendering. Section <c>ProdStatus:Rendering</c>.</summary>
public sealed class RenderingOptions
{
    public const string Section = "ProdStatus:Rendering";

    /// <summary>Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf.
    /// <value>Default: <c>/usr/share/fonts/truetype/dejavu</c> (Debian package fonts-dejavu-core).</value></summary>
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/dejavu";
}
