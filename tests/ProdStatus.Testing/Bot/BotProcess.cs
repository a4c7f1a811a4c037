using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProdStatus.Testing.Bot;

/// <summary>The bot host as a real child process on 127.0.0.1 (crash tests kill it; load tests keep the client out of its process).</summary>
public static class BotProcess
{
    /// <summary>
    /// Starts the bot with <paramref name="args"/> after its URL; its console output goes to <paramref name="output"/>
    /// when given (for diagnosing failures).
    /// </summary>
    public static Process Start(string botDll, int port, IReadOnlyDictionary<string, string> environment,
        IEnumerable<string>? args = null, System.Collections.Concurrent.ConcurrentQueue<string>? output = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { botDll, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args ?? [])
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string>? output, string? line)
    {
        if (output is not null && line is not null)
        {
            output.Enqueue(line);
        }
    }

    public static async Task WaitReadyAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < 150; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException("the bot did not become ready");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
