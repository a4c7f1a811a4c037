using System.Globalization;
using System.Text;
using ProdStatus.Engine.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Yaml;

/// <summary>
/// The one way the engine reads a YAML file (parameter files, campaign and step yaml, DRP submit trees, <c>--config</c>):
/// UTF-8 (Latin-1 when a byte is not UTF-8, e.g. in a comment), BOM and CRLF fine, duplicate keys rejected, the root
/// must be a mapping. Every error is one line: <c>FILE: line N: FIELD: problem</c> (<see cref="Error"/>).
/// </summary>
internal static class YamlFile
{
    /// <param name="notFound">The problem when the file does not exist, e.g. <c>parameter file not found</c>.</param>
    /// <param name="notMapping">The problem when the root is not a mapping.</param>
    public static YamlMappingNode LoadMapping(string path, string notFound = "file not found", string notMapping = "expected a YAML mapping")
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: {notFound}");
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
        return ParseMapping(path, bytes, notMapping);
    }

    /// <param name="label">How errors name the source: a path, or <c>DRP-501/campaign.yaml</c> for an attachment.</param>
    public static YamlMappingNode ParseMapping(string label, byte[] bytes, string notMapping = "expected a YAML mapping")
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
        return ParseMapping(label, text, notMapping);
    }

    public static YamlMappingNode ParseMapping(string label, string text, string notMapping = "expected a YAML mapping")
    {
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
            : throw new UserInputException($"{label}: {notMapping}");
    }

    /// <summary>The value under a plain string key, or null when the key is absent.</summary>
    public static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: { } k } && k == key).Value;

    /// <summary>The entries under string keys (the parser already rejects duplicate keys).</summary>
    public static Dictionary<string, YamlNode> Fields(YamlMappingNode map)
    {
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                values[name] = value;
            }
        }
        return values;
    }

    /// <summary>
    /// The error about one field: <c>FILE: line N: FIELD: problem</c> when the value is in the file (line of
    /// <paramref name="node"/>), <c>FILE: FIELD: problem</c> when it is missing.
    /// </summary>
    public static UserInputException Error(string file, YamlNode? node, string field, string problem) =>
        node is { Start.Line: > 0 }
            ? UserInputException.ForField($"{file}: line {node.Start.Line.ToString(CultureInfo.InvariantCulture)}", field, problem)
            : UserInputException.ForField(file, field, problem);
}
