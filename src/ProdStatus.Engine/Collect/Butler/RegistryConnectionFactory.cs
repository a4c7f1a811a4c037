using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// Opens the registry named by <c>registry.db</c>: <c>sqlite:///path</c> (read-only) or
/// <c>postgresql://[user@]host[:port]/database</c> with <c>registry.namespace</c> as search path. PostgreSQL
/// credentials: the URL, then <c>ProdStatus:Butler:DbAuthUser/DbAuthPassword</c> (only for registries matching
/// <c>DbAuthUrl</c>), then <c>~/.lsst/db-auth.yaml</c>.
/// Passwords never appear in messages.
/// </summary>
internal static class RegistryConnectionFactory
{
    public const string Service = "Butler registry";

    public static async Task<DbConnection> OpenAsync(ButlerRepositoryConfig config, ButlerOptions options, CancellationToken cancellationToken)
    {
        DbConnection connection = Create(config, options);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new UpstreamException(Service, $"cannot open {Redact(config.RegistryDb)}: {ex.Message}", ex);
        }
    }

    private static DbConnection Create(ButlerRepositoryConfig config, ButlerOptions options)
    {
        string db = config.RegistryDb;
        if (db.StartsWith("sqlite:///", StringComparison.OrdinalIgnoreCase))
        {
            string path = db["sqlite:///".Length..];
            path = Path.IsPathRooted(path) ? path : Path.Combine(config.ButlerRoot, path);
            if (!File.Exists(path))
            {
                throw UserInputException.ForField(config.Source, "registry.db", $"SQLite file '{path}' does not exist");
            }
            return new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        }
        int scheme = db.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && db[..scheme].StartsWith("postgresql", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnection(PostgresConnectionString(config, options));
        }
        throw UserInputException.ForField(config.Source, "registry.db", $"'{Redact(db)}' is not a sqlite:/// or postgresql:// URL");
    }

    internal static string PostgresConnectionString(ButlerRepositoryConfig config, ButlerOptions options)
    {
        string db = config.RegistryDb;
        if (!Uri.TryCreate("postgresql" + db[db.IndexOf("://", StringComparison.Ordinal)..], UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw UserInputException.ForField(config.Source, "registry.db", $"'{Redact(db)}' is not a valid postgresql:// URL");
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')),
            Timeout = 30,
            CommandTimeout = 600,
            Pooling = false,
        };
        if (config.Namespace is { Length: > 0 } ns)
        {
            builder.SearchPath = ns;
        }
        string[] userInfo = uri.UserInfo.Split(':', 2);
        string? user = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null;
        string? password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null;
        if (password is null && !string.IsNullOrEmpty(options.DbAuthUser))
        {
            user ??= options.DbAuthUser;
            // The configured password goes only to the registry its URL pattern names (as db-auth.yaml entries do).
            password = user == options.DbAuthUser && options.DbAuthUrl is { Length: > 0 } pattern && DbAuthFile.Covers(pattern, uri)
                ? options.DbAuthPassword
                : null;
        }
        if (password is null && DbAuthFile.Find(OutputOptions.ExpandHome(options.DbAuthFile), uri, user) is { } entry)
        {
            user ??= entry.User;
            password = entry.Password;
        }
        builder.Username = user ?? Environment.UserName;
        if (password is not null)
        {
            builder.Password = password;
        }
        return builder.ToString();
    }

    /// <summary>The URL without a password, for messages.</summary>
    internal static string Redact(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        int at = url.IndexOf('@', StringComparison.Ordinal);
        if (scheme < 0 || at < scheme)
        {
            return url;
        }
        string userInfo = url[(scheme + 3)..at];
        int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? url : url[..(scheme + 3)] + userInfo[..colon] + ":***" + url[at..];
    }
}
