using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ProdStatus.Engine.Render.Slack;

/// <summary>Serializes Block Kit messages: snake_case, nulls left out, readable non-ASCII (emoji, "·").</summary>
public static class SlackJson
{
    private static readonly JsonSerializerOptions Options = Create();

    public static string Serialize(SlackMessage message) => JsonSerializer.Serialize(message, Options.GetTypeInfo(typeof(SlackMessage)));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(SlackJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = true,
        };
        options.MakeReadOnly();
        return options;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackMessage))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
