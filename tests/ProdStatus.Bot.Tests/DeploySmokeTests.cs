using System.Diagnostics;
using System.Net;
using ProdStatus.Testing.Bot;
using ProdStatus.Testing.Postgres;
using ProdStatus.Testing.Reports;

namespace ProdStatus.Bot.Tests;

/// <summary>
/// The deploy image's contents without a container engine: <c>dotnet publish</c> exactly as <c>deploy/Dockerfile</c>
/// runs it (its <c>RUN dotnet publish</c> line, on a copy of the sources so the test run's own build is not touched),
/// then the published bot started as the image starts it, against PostgreSQL, must answer <c>GET /readyz</c> 200.
/// </summary>
public sealed class DeploySmokeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishedAsTheDockerfileDoes_StartsOnPostgres_AndIsReady()
    {
        string root = Directory.CreateTempSubdirectory("prodstat-deploy-").FullName;
        try
        {
            string app = await PublishAsync(root);
            Assert.True(File.Exists(Path.Combine(app, "ProdStatus.Bot.dll")), "the publish output has no ProdStatus.Bot.dll");

            await using var postgres = new PostgresCluster();
            await postgres.StartAsync(Ct);
            string connection = await postgres.CreateDatabaseAsync(Ct);
            int port = BotProcess.FreePort();
            using var bot = BotProcess.Start(Path.Combine(app, "ProdStatus.Bot.dll"), port, new Dictionary<string, string>
            {
                ["ProdStatus__Store__Provider"] = "Postgres",
                ["ProdStatus__Store__ConnectionString"] = connection,
                ["ProdStatus__Output__DataDir"] = Path.Combine(root, "data"),
                ["ProdStatus__Slack__SigningSecret"] = BotApplication.SlackSecret,
                ["ProdStatus__Jira__WebhookSecret"] = BotApplication.JiraSecret,
            });
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
                Assert.Equal(HttpStatusCode.OK, await ReadyStatusAsync(http, bot, TimeSpan.FromSeconds(90)));
            }
            finally
            {
                bot.Kill(entireProcessTree: true);
                await bot.WaitForExitAsync(Ct);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Copies what the image's build stage sees (<c>COPY . .</c> minus .dockerignore's build output) and runs
    /// the Dockerfile's publish line with <c>/app</c> replaced by a folder of <paramref name="root"/>.</summary>
    private static async Task<string> PublishAsync(string root)
    {
        string source = Path.Combine(root, "src-copy");
        foreach (string entry in new[] { "src", "eng", "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            Copy(Path.Combine(RepoPaths.Root, entry), Path.Combine(source, entry));
        }
        string line = File.ReadLines(Path.Combine(RepoPaths.Root, "deploy", "Dockerfile"))
            .Single(l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));
        string app = Path.Combine(root, "app");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = source, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in line["RUN dotnet ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(arg == "/app" ? app : arg);
        }
        using var publish = Process.Start(start)!;
        var output = publish.StandardOutput.ReadToEndAsync(Ct);
        var error = publish.StandardError.ReadToEndAsync(Ct);
        await publish.WaitForExitAsync(Ct);
        Assert.True(publish.ExitCode == 0, $"{line} failed:\n{await output}\n{await error}");
        return app;
    }

    private static async Task<HttpStatusCode?> ReadyStatusAsync(HttpClient http, Process bot, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (watch.Elapsed < timeout && !bot.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative), Ct);
                last = response.StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200, Ct);
        }
        return last;
    }

    private static void Copy(string from, string to)
    {
        if (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            return;
        }
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (string dir in Directory.EnumerateDirectories(from))
        {
            string name = Path.GetFileName(dir);
            if (name is not ("bin" or "obj" or "TestResults"))
            {
                Copy(dir, Path.Combine(to, name));
            }
        }
    }
}
