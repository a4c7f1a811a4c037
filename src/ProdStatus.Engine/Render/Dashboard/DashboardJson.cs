using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProdStatus.Engine.Render.Dashboard;

/// <summary><c>GET /campaigns/{issue}.json</c>: the page's data for scripts (camelCase, statuses and tones as strings).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CampaignDashboard))]
[JsonSerializable(typeof(IReadOnlyList<CampaignListEntry>))]
public sealed partial class DashboardJson : JsonSerializerContext;
