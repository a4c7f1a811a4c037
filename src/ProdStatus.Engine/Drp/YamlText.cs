using System.Globalization;
using System.Text;
using ProdStatus.Engine.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Drp;

/// <summary>Loads the YAML files of a submit tree (UTF-8, or Latin-1 when a comment holds such a byte; CRLF fine) and
/// prints values as the original's Python <c>str()</c> did, so descriptions keep their look.</summary>
internal static class YamlText
{
    public static YamlMappingNode LoadMapping(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: file not found");
        }
        byte[] bytes = File.ReadAllBytes(path);
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
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new UserInputException($"{path}: line {ex.Start.Line}: not valid YAML: {ex.Message.Split('\n')[0].Trim()}", ex);
        }
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new UserInputException($"{path}: expected a YAML mapping");
    }

    public static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: { } k } && k == key).Value;

    /// <summary>Python <c>str(value)</c>: scalars bare, mappings and lists in repr form.</summary>
    public static string Str(YamlNode node) => node is YamlScalarNode scalar ? Scalar(scalar, repr: false) : Repr(node);

    private static string Repr(YamlNode node) => node switch
    {
        YamlScalarNode s => Scalar(s, repr: true),
        YamlSequenceNode seq => "[" + string.Join(", ", seq.Children.Select(Repr)) + "]",
        YamlMappingNode map => "{" + string.Join(", ", map.Children.Select(kv => Repr(kv.Key) + ": " + Repr(kv.Value))) + "}",
        _ => "None",
    };

    private static string Scalar(YamlScalarNode s, bool repr)
    {
        string value = s.Value ?? "";
        if (s.Style == ScalarStyle.Plain)
        {
            switch (value)
            {
                case "" or "~" or "null" or "Null" or "NULL": return "None";
                case "true" or "True" or "TRUE": return "True";
                case "false" or "False" or "FALSE": return "False";
            }
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
            {
                return l.ToString(CultureInfo.InvariantCulture);
            }
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && value.Any(char.IsDigit))
            {
                return value;
            }
        }
        return repr ? "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'" : value;
    }
}
