using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ProdStatus.Testing.Postgres;

/// <summary>
/// A private PostgreSQL 15 cluster on 127.0.0.1 and a free port, in a temporary folder, for tests (use as an xunit
/// class/collection fixture). <c>initdb</c> refuses to run as root, so as root the binaries run as user
/// <c>postgres</c> via <c>runuser</c>, in a folder that user owns. <see cref="CreateDatabaseAsync"/> gives each
/// test its own database.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"prodstat-pg-{Guid.NewGuid():N}");
    private string _bin = "";
    private int _databases;

    public int Port { get; private set; }

    public const string User = "prodstat";

    public const string Password = "test-only-password";

    public static bool IsAvailable => FindBin() is not null;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL binaries (initdb, pg_ctl) not found; .ci/run installs them");
        Directory.CreateDirectory(_folder);
        string data = Path.Combine(_folder, "data");
        string pwFile = Path.Combine(_folder, "pw");
        await File.WriteAllTextAsync(pwFile, Password, cancellationToken);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _folder], asPostgres: false, cancellationToken);
        }
        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", data, "-U", User, "--pwfile", pwFile, "-A", "scram-sha-256", "-E", "UTF8", "--no-sync"],
            IsRoot, cancellationToken);
        Port = FreePort();
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(_folder, "log"), "-w", "-t", "60", "start",
            "-o", $"-h 127.0.0.1 -p {Port} -k {_folder} -F"], IsRoot, cancellationToken);
    }

    /// <summary>A new empty database; returns its connection string (user/password authentication).</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        string name = $"db{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..20];
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Password = Password, Database = database, Pooling = false }.ToString();

    public async ValueTask DisposeAsync()
    {
        if (Port != 0)
        {
            try
            {
                await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], IsRoot, CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string? FindBin()
    {
        foreach (string dir in Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Order().Reverse().Select(d => Path.Combine(d, "bin")) : [])
        {
            if (File.Exists(Path.Combine(dir, "initdb")))
            {
                return dir;
            }
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        if (asPostgres)
        {
            foreach (string a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
