using System.Globalization;
using ProdStatus.Engine.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Drp;

/// <summary>Prints values of a submit tree's YAML (read with <see cref="YamlFile"/>) as the original's Python
/// <c>str()</c> did, so descriptions keep their look.</summary>
internal static class YamlText
{
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
            if (YamlScalars.IsNull(s))
            {
                return "None";
            }
            switch (value)
            {
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
