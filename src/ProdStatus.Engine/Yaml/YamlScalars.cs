using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Yaml;

/// <summary>
/// The one null rule and the one scalar rule of every YAML the engine reads. Null: a plain (unquoted) <c>~</c>,
/// <c>null</c>/<c>Null</c>/<c>NULL</c> or empty value; quoted <c>'null'</c> and <c>''</c> are strings. Scalars are parsed
/// with the invariant culture whatever the machine's locale.
/// </summary>
internal static class YamlScalars
{
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>YAML 1.1 booleans as PyYAML reads them: true/yes/on and false/no/off, any case.</summary>
    public static bool TryBool(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                value = true;
                return true;
            case "false" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>A whole number; <c>10</c>, <c>1e3</c> and <c>10.0</c> are accepted, <c>2.5</c> is not.</summary>
    public static bool TryInt(string text, out int value)
    {
        value = 0;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || d != Math.Floor(d) || d > int.MaxValue || d < int.MinValue)
        {
            return false;
        }
        value = (int)d;
        return true;
    }

    /// <summary>A finite number (<c>nan</c> and infinities are refused).</summary>
    public static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>A date written <c>YYYY-MM-DD</c> (surrounding spaces ignored).</summary>
    public static bool TryDate(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
}
