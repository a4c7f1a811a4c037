using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace ProdStatus.Engine.Campaigns;

/// <summary>
/// Writes the campaign and step yaml files (they are read with <see cref="Yaml.YamlFile"/>). Output looks like PyYAML's <c>yaml.dump</c> of the original
/// (block style, keys sorted, <c>null</c>, <c>''</c>), and any string a YAML 1.1 reader could take for a number, date,
/// boolean or null is quoted, so the original tool and this one read each other's files.
/// </summary>
internal static partial class YamlDoc
{
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

    /// <summary>Starts with a letter, <c>_</c>, <c>/</c> or <c>$</c> and holds only characters that never change a plain scalar's meaning.</summary>
    [GeneratedRegex(@"^[A-Za-z_/$][A-Za-z0-9_./${}@+-]*$")]
    private static partial Regex PlainSafe();

    /// <summary>Words YAML 1.1 (PyYAML) reads as booleans or null.</summary>
    [GeneratedRegex("^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$")]
    private static partial Regex Reserved();
}
