using System.Text.RegularExpressions;
using ProdStatus.Engine.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// daf_butler's <c>~/.lsst/db-auth.yaml</c>: a list of <c>{url, username, password}</c> where <c>url</c> may use
/// <c>*</c> wildcards (<c>postgresql://*.slac.stanford.edu:5432/*</c>). The first entry matching the registry URL
/// (and the user, when the URL names one) wins.
/// </summary>
internal static class DbAuthFile
{
    public sealed record Entry(string User, string Password);

    public static Entry? Find(string path, Uri registry, string? user)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new UserInputException($"{path}: line {ex.Start.Line}: not valid YAML", ex);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlSequenceNode entries)
        {
            throw new UserInputException($"{path}: expected a list of {{url, username, password}} entries");
        }
        string target = Target(registry);
        int index = 0;
        foreach (var node in entries.Children)
        {
            string field = $"[{index++}]";
            if (node is not YamlMappingNode map)
            {
                throw UserInputException.ForField(path, field, "must be a mapping with url, username and password");
            }
            string url = Value(map, "url") ?? throw UserInputException.ForField(path, field + ".url", "is required");
            string? entryUser = Value(map, "username");
            if (!Matches(url, target) || (user is not null && entryUser is not null && entryUser != user))
            {
                continue;
            }
            string password = Value(map, "password") ?? throw UserInputException.ForField(path, field + ".password", "is required");
            return new Entry(entryUser ?? user ?? Environment.UserName, password);
        }
        return null;
    }

    /// <summary>True when the db-auth URL <paramref name="pattern"/> (wildcards allowed) covers the registry URL.</summary>
    public static bool Covers(string pattern, Uri registry) => Matches(pattern, Target(registry));

    private static string Target(Uri registry) =>
        $"{registry.Host}:{(registry.IsDefaultPort || registry.Port <= 0 ? 5432 : registry.Port)}{registry.AbsolutePath}";

    private static bool Matches(string pattern, string target)
    {
        int scheme = pattern.IndexOf("://", StringComparison.Ordinal);
        string rest = scheme >= 0 ? pattern[(scheme + 3)..] : pattern;
        int at = rest.IndexOf('@', StringComparison.Ordinal);
        rest = at >= 0 ? rest[(at + 1)..] : rest;
        if (!rest.Contains(':', StringComparison.Ordinal))
        {
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            rest = slash < 0 ? rest + ":5432" : rest[..slash] + ":5432" + rest[slash..];
        }
        string regex = "^" + Regex.Escape(rest).Replace("\\*", ".*", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(target, regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string? Value(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { Length: > 0 } v } ? v : null;
}
