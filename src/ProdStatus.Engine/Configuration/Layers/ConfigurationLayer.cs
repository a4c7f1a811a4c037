using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Configuration.Layers;

/// <summary>Where a configuration layer comes from, in precedence order (later wins).</summary>
public enum LayerKind
{
    /// <summary>Host settings and anything not named below.</summary>
    Other,
    /// <summary>The appsettings.json shipped beside the binary.</summary>
    Defaults,
    /// <summary><c>$XDG_CONFIG_HOME/prodstat/appsettings.json</c>.</summary>
    User,
    /// <summary>The file given with <c>--config</c>.</summary>
    ConfigFile,
    /// <summary><c>ProdStatus__Section__Key</c> environment variables.</summary>
    Environment,
    /// <summary>Command-line options (and values a command or test sets).</summary>
    CommandLine,
}

/// <summary>
/// Wraps one configuration source: names it (for <c>config show</c>), reads secrets from the files that
/// <c>…File</c> keys name, and refuses a user file that others can read while it holds a secret.
/// </summary>
internal sealed class ConfigurationLayer(IConfigurationSource inner, LayerKind kind, string name, string? path) : IConfigurationSource
{
    public IConfigurationSource Inner => inner;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new LayerProvider(inner.Build(builder), kind, name, path);
}

/// <summary>The provider of a <see cref="ConfigurationLayer"/>; <c>X</c> read from <c>XFile</c> belongs to the layer that set <c>XFile</c>.</summary>
internal sealed class LayerProvider(IConfigurationProvider inner, LayerKind kind, string name, string? path) : IConfigurationProvider
{
    private Dictionary<string, (string Value, string FileKey, string File)> _fromFiles = new(StringComparer.OrdinalIgnoreCase);

    public LayerKind Kind => kind;

    public string Name => name;

    public void Load()
    {
        try
        {
            inner.Load();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException)
        {
            // JSON syntax errors: one line naming the file and the problem.
            throw new UserInputException($"{path ?? name}: not valid JSON: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        var keys = LeafKeys(inner).ToList();
        var fromFiles = new Dictionary<string, (string, string, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (string key in keys)
        {
            if (SecretKeys.SecretFileTarget(key) is { } target && inner.TryGet(key, out string? file) && !string.IsNullOrWhiteSpace(file))
            {
                fromFiles[target] = (ReadSecretFile(key, OutputOptions.ExpandHome(file.Trim())), key, file.Trim());
            }
        }
        _fromFiles = fromFiles;
        if (kind is LayerKind.User or LayerKind.ConfigFile && path is not null)
        {
            CheckPermissions(path, keys);
        }
    }

    public bool TryGet(string key, out string? value)
    {
        if (_fromFiles.TryGetValue(key, out var secret))
        {
            value = secret.Value;
            return true;
        }
        return inner.TryGet(key, out value);
    }

    public void Set(string key, string? value) => inner.Set(key, value);

    public IChangeToken GetReloadToken() => inner.GetReloadToken();

    public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
    {
        var own = _fromFiles.Keys
            .Where(k => string.Equals(ConfigurationPath.GetParentPath(k), parentPath, StringComparison.OrdinalIgnoreCase))
            .Select(k => ConfigurationPath.GetSectionKey(k)!);
        return inner.GetChildKeys(earlierKeys.Concat(own), parentPath).Order(ConfigurationKeyComparer.Instance);
    }

    /// <summary>How <c>config show</c> names the origin of <paramref name="key"/> in this layer.</summary>
    public string Describe(string key)
    {
        string Layer(string k) => kind == LayerKind.Environment ? $"{name} {k.Replace(":", "__", StringComparison.Ordinal)}" : name;
        return _fromFiles.TryGetValue(key, out var secret) ? $"file {secret.File} ({secret.FileKey}, {Layer(secret.FileKey)})" : Layer(key);
    }

    internal static IEnumerable<string> LeafKeys(IConfigurationProvider provider, string? parent = null)
    {
        foreach (string child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            string key = parent is null ? child : ConfigurationPath.Combine(parent, child);
            if (provider.TryGet(key, out _))
            {
                yield return key;
            }
            foreach (string deeper in LeafKeys(provider, key))
            {
                yield return deeper;
            }
        }
    }

    private string ReadSecretFile(string key, string file)
    {
        try
        {
            return File.ReadAllText(file).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{key} (from {name}): cannot read the secret file {file}: {ex.Message}", ex);
        }
    }

    private void CheckPermissions(string file, List<string> keys)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(file))
        {
            return;
        }
        string? secret = keys.FirstOrDefault(k => (SecretKeys.IsSecret(k) || SecretKeys.IsConnectionString(k)) &&
            inner.TryGet(k, out string? v) && !string.IsNullOrEmpty(v) && (SecretKeys.IsSecret(k) || SecretKeys.Display(k, v) != v));
        if (secret is not null && (File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            throw new UserInputException(
                $"{file}: holds the secret {secret} but other users can read it; run 'chmod 600 {file}' or move the secret to a …File key");
        }
    }
}
