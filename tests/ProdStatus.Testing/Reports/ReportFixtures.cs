using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Render.Fonts;
using ProdStatus.Engine.Render.Reports;

namespace ProdStatus.Testing.Reports;

/// <summary>Report builders and fonts with fixed configuration and a fixed clock.</summary>
public static class ReportFixtures
{
    public const string PandaUrl = "https://panda.example.org/";
    public static readonly DataWindow Window = new(new DateOnly(2022, 1, 27), new DateOnly(2022, 2, 3));

    public static FakeTimeProvider Clock() => new(CampaignBuilder.Now);

    public static FontLibrary Fonts() => new(Options.Create(new RenderingOptions()));

    /// <summary>The browse URL the golden files were made with (production sets it in appsettings.json).</summary>
    public const string JiraBrowseUrl = "https://rubinobs.atlassian.net/browse/";

    public static CampaignReportBuilder ReportBuilder(TimeProvider? time = null, ReportOptions? options = null) =>
        new(Options.Create(WithJira(options ?? new ReportOptions())), Options.Create(new PandaOptions { BaseUrl = PandaUrl }), time ?? Clock());

    public static CampaignReport Standard(TimeProvider? time = null) =>
        ReportBuilder(time).Build(CampaignBuilder.Standard().Build(), new ReportExtras(Window));

    private static ReportOptions WithJira(ReportOptions options)
    {
        options.JiraBrowseUrl ??= JiraBrowseUrl;
        return options;
    }
}
