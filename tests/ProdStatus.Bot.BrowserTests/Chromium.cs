using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace ProdStatus.Bot.BrowserTests;

/// <summary>
/// Debian's chromium driven through its chromium-driver (tests/run-tests.sh installs both), headless, as root, with a
/// fresh profile and nothing that talks to the network on its own.
/// </summary>
public sealed class Chromium : IDisposable
{
    private readonly string _profile = Directory.CreateTempSubdirectory("prodstat-chromium-").FullName;

    public Chromium()
    {
        const string binary = "/usr/bin/chromium";
        const string driver = "/usr/bin/chromedriver";
        if (!File.Exists(binary) || !File.Exists(driver))
        {
            throw new InvalidOperationException($"{binary} or {driver} is missing: install the Debian packages chromium and chromium-driver (tests/run-tests.sh does)");
        }
        var options = new ChromeOptions { BinaryLocation = binary };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--hide-scrollbars", $"--user-data-dir={_profile}", "--window-size=1280,900");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
    }

    public ChromeDriver Driver { get; }

    /// <summary>Browser console entries since the last call (reading them clears them).</summary>
    public IReadOnlyList<LogEntry> ConsoleEntries() => Driver.Manage().Logs.GetLog(LogType.Browser);

    public T Script<T>(string script, params object[] args) => (T)Driver.ExecuteScript(script, args)!;

    /// <summary>The HTTP status of the current page's navigation.</summary>
    public long Status() => Script<long>("return performance.getEntriesByType('navigation')[0].responseStatus;");

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
