using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ProdStatus.Engine.Render.Cards;

/// <summary>Serializes cards and Teams messages: camelCase, nulls left out, readable non-ASCII.</summary>
public static class CardJson
{
    private static readonly JsonSerializerOptions Indented = Create(writeIndented: true);
    private static readonly JsonSerializerOptions Compact = Create(writeIndented: false);

    /// <summary>Indented, for files people read (<c>card-PREOPS-905.json</c>).</summary>
    public static string Serialize(AdaptiveCard card) => JsonSerializer.Serialize(card, Indented.GetTypeInfo(typeof(AdaptiveCard)));

    /// <summary>The exact bytes posted to a Teams webhook.</summary>
    public static byte[] SerializeMessage(TeamsMessage message) =>
        JsonSerializer.SerializeToUtf8Bytes(message, Compact.GetTypeInfo(typeof(TeamsMessage)));

    private static JsonSerializerOptions Create(bool writeIndented)
    {
        var options = new JsonSerializerOptions(CardJsonContext.Default.Options)
        {
            // The payload goes to JSON consumers only, never into HTML: keep "·" and "…" readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = writeIndented,
        };
        options.MakeReadOnly();
        return options;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdaptiveCard))]
[JsonSerializable(typeof(TeamsMessage))]
internal sealed partial class CardJsonContext : JsonSerializerContext;
