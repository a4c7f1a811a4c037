namespace ProdStatus.Bot.BrowserTests;

/// <summary>One server and one browser for the dashboard's browser tests (they run one after another).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public DashboardSite Site { get; } = new();

    public Chromium Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go (kept after the run, to be looked at).</summary>
    public static string ScreenshotDir => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        await Site.InitializeAsync();
        Browser = new Chromium();
    }

    public async ValueTask DisposeAsync()
    {
        Browser?.Dispose();
        await ((IAsyncDisposable)Site).DisposeAsync();
    }
}
