using Microsoft.Extensions.Configuration;
using ProdStatus.Engine.Yaml;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Configuration.Layers;

/// <summary>A YAML configuration file mapped to the same key paths as JSON (<c>ProdStatus: {Jira: {BaseUrl: …}}</c>, lists by index).</summary>
internal sealed class YamlConfigurationSource(string path) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new YamlConfigurationProvider(path);
}

internal sealed class YamlConfigurationProvider(string path) : ConfigurationProvider
{
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(YamlFile.LoadMapping(path), null, data);
        Data = data;
    }

    private static void Flatten(YamlNode node, string? prefix, Dictionary<string, string?> data)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    string name = ((YamlScalarNode)key).Value ?? "";
                    Flatten(value, prefix is null ? name : ConfigurationPath.Combine(prefix, name), data);
                }
                break;
            case YamlSequenceNode list:
                for (int i = 0; i < list.Children.Count; i++)
                {
                    Flatten(list.Children[i], ConfigurationPath.Combine(prefix ?? "", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), data);
                }
                break;
            case YamlScalarNode scalar when prefix is not null:
                data[prefix] = YamlScalars.IsNull(scalar) ? "" : scalar.Value;
                break;
        }
    }
}
