using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using SkiaSharp;

namespace ProdStatus.Engine.Render.Fonts;

/// <summary>
/// DejaVu Sans loaded from explicit files. Skia's and PDFsharp's own font discovery silently draws no text
/// (or throws) when it finds nothing, so every renderer takes its typefaces from here.
/// </summary>
public sealed class FontLibrary : IDisposable
{
    public const string FamilyName = "DejaVu Sans";
    public const string RegularFile = "DejaVuSans.ttf";
    public const string BoldFile = "DejaVuSans-Bold.ttf";

    private readonly Lazy<Faces> _faces;

    public FontLibrary(IOptions<RenderingOptions> options)
    {
        string dir = OutputOptions.ExpandHome(options.Value.FontDirectory);
        _faces = new Lazy<Faces>(() => Load(dir), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public SKTypeface Regular => _faces.Value.Regular;

    public SKTypeface Bold => _faces.Value.Bold;

    /// <summary>Raw font file bytes (PDFsharp embeds them).</summary>
    public byte[] RegularBytes => _faces.Value.RegularBytes;

    public byte[] BoldBytes => _faces.Value.BoldBytes;

    /// <summary>Fails now, with the fix in the message, if a font file is missing.</summary>
    public void EnsureLoaded() => _ = _faces.Value;

    public void Dispose()
    {
        if (_faces.IsValueCreated)
        {
            _faces.Value.Regular.Dispose();
            _faces.Value.Bold.Dispose();
        }
    }

    private static Faces Load(string dir)
    {
        byte[] regular = ReadFont(dir, RegularFile);
        byte[] bold = ReadFont(dir, BoldFile);
        return new Faces(FromBytes(regular, dir, RegularFile), FromBytes(bold, dir, BoldFile), regular, bold);
    }

    private static byte[] ReadFont(string dir, string file)
    {
        string path = Path.Combine(dir, file);
        if (!File.Exists(path))
        {
            throw new UserInputException(
                $"font file {path} not found: install the Debian package fonts-dejavu-core or set {RenderingOptions.Section}:FontDirectory");
        }
        return File.ReadAllBytes(path);
    }

    private static SKTypeface FromBytes(byte[] bytes, string dir, string file)
    {
        using var data = SKData.CreateCopy(bytes);
        return SKTypeface.FromData(data)
            ?? throw new UserInputException($"font file {Path.Combine(dir, file)} is not a readable TrueType font");
    }

    private sealed record Faces(SKTypeface Regular, SKTypeface Bold, byte[] RegularBytes, byte[] BoldBytes);
}
