using System.Text.Json;
using Json.Schema;
using ProdStatus.Testing.Reports;

namespace ProdStatus.Engine.Tests.Render.Cards;

/// <summary>The official Adaptive Card 1.5 schema (strict: unknown properties and types fail), read from ../shared.</summary>
internal static class AdaptiveCardSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        string path = RepoPaths.AdaptiveCardSchema;
        return File.Exists(path)
            ? JsonSchema.FromFile(path)
            : throw new InvalidOperationException($"{path} not found: the schema is read from the steering repo's shared folder");
    });

    /// <summary>The schema's complaints about <paramref name="cardJson"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string cardJson)
    {
        using var document = JsonDocument.Parse(cardJson);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
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
