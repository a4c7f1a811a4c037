using System.Text;
using System.Text.RegularExpressions;
using ProdStatus.Engine.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace ProdStatus.Engine.Campaigns;

/// <summary>
/// Reads and writes the campaign and step yaml files. Output looks like PyYAML's <c>yaml.dump</c> of the original
/// (block style, keys sorted, <c>null</c>, <c>''</c>), and any string a YAML 1.1 reader could take for a number, date,
/// boolean or null is quoted, so the original tool and this one read each other's files.
/// </summary>
internal static partial class YamlDoc
{
    public static YamlMappingNode Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: file not found");
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new UserInputException($"{path}: cannot read: {ex.Message}", ex);
        }
        return Parse(path, bytes);
    }

    /// <param name="label">How errors name the source: a path, or <c>DRP-501/campaign.yaml</c> for an attachment.</param>
    public static YamlMappingNode Parse(string label, byte[] bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text.TrimStart('\uFEFF')));
        }
        catch (YamlException ex)
        {
            throw new UserInputException($"{label}: line {ex.Start.Line}: not valid YAML: {ex.Message.Split('\n')[0].Trim()}", ex);
        }
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new UserInputException($"{label}: expected a YAML mapping");
    }

    public static string Emit(YamlNode root)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer, EmitterSettings.Default.WithBestWidth(int.MaxValue).WithNewLine("\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        ((IYamlConvertible)root).Write(emitter, (_, _) => { });
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>A mapping with its keys sorted (as <c>yaml.dump</c> does).</summary>
    public static YamlMappingNode Map(IEnumerable<KeyValuePair<string, YamlNode>> entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            map.Add(Text(key), value);
        }
        return map;
    }

    public static YamlScalarNode Null() => new("null") { Style = ScalarStyle.Plain };

    public static YamlScalarNode Bool(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    /// <summary>A string value; null becomes <c>null</c>.</summary>
    public static YamlScalarNode Text(string? value) => value is null
        ? Null()
        : new YamlScalarNode(value) { Style = PlainSafe().IsMatch(value) && !Reserved().IsMatch(value) ? ScalarStyle.Plain : ScalarStyle.SingleQuoted };

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>Starts with a letter, <c>_</c>, <c>/</c> or <c>$</c> and holds only characters that never change a plain scalar's meaning.</summary>
    [GeneratedRegex(@"^[A-Za-z_/$][A-Za-z0-9_./${}@+-]*$")]
    private static partial Regex PlainSafe();

    /// <summary>Words YAML 1.1 (PyYAML) reads as booleans or null.</summary>
    [GeneratedRegex("^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$")]
    private static partial Regex Reserved();
}
