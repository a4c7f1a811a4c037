using System.Text.Json;
using Json.Schema;
using ProdStatus.Testing.Reports;
using Xunit;

namespace ProdStatus.Engine.Tests.Render.Cards;

/// <summary>
/// Validates card JSON. <see cref="Project"/> is the repository's own schema of the Adaptive Card 1.5 subset the bot
/// emits (<c>adaptive-card-subset.schema.json</c> beside this file, every object closed); <see cref="Official"/> is the
/// official 1.5 schema, used only when the <c>ADAPTIVE_CARD_SCHEMA</c> environment variable names a copy of it.
/// </summary>
internal static class AdaptiveCardSchema
{
    /// <summary>The environment variable that names a file holding the official Adaptive Card 1.5 schema.</summary>
    public const string OfficialSchemaVariable = "ADAPTIVE_CARD_SCHEMA";

    private static readonly Lazy<JsonSchema> ProjectSchema = new(() =>
        JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Render", "Cards", "adaptive-card-subset.schema.json")));

    private static readonly Lazy<JsonSchema?> OfficialSchema = new(() =>
        RepoPaths.OptionalFile(OfficialSchemaVariable) is { } path ? JsonSchema.FromFile(path) : null);

    /// <summary>The project schema's complaints about <paramref name="cardJson"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string cardJson) => Evaluate(ProjectSchema.Value, cardJson);

    /// <summary>
    /// The official schema's complaints about <paramref name="cardJson"/>. Skips the calling test, with the reason,
    /// when <c>ADAPTIVE_CARD_SCHEMA</c> is not set.
    /// </summary>
    public static IReadOnlyList<string> OfficialErrors(string cardJson)
    {
        var schema = OfficialSchema.Value;
        Assert.SkipWhen(schema is null,
            $"{OfficialSchemaVariable} is not set: no copy of the official Adaptive Card 1.5 schema to validate against");
        return Evaluate(schema!, cardJson);
    }

    private static List<string> Evaluate(JsonSchema schema, string cardJson)
    {
        using var document = JsonDocument.Parse(cardJson);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }
        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")
            .Take(20)
            .ToList();
    }
}
