using System.Globalization;
using System.Text.Json.Nodes;

namespace ProdStatus.Engine.Publish.Jira.Outbox;

/// <summary>One request the outbox holds: what would have been sent, and the file with its rendered text, if any.</summary>
public sealed record OutboxEntry(int Sequence, string Operation, string Issue, string Method, string Path, string RequestFile, string? RenderedBodyFile);

/// <summary>Lists an outbox folder in request order, for <c>prodstat demo</c> and for people reading a dry run.</summary>
public static class OutboxEntries
{
    public static IReadOnlyList<OutboxEntry> Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        var entries = new List<OutboxEntry>();
        foreach (string file in Directory.EnumerateFiles(directory, "*.json"))
        {
            if (Path.GetFileName(file) == "state.json" || JsonNode.Parse(File.ReadAllText(file)) is not JsonObject json)
            {
                continue;
            }
            string? rendered = json["renderedBody"]?.GetValue<string>();
            entries.Add(new OutboxEntry(
                json["sequence"]?.GetValue<int>() ?? 0,
                json["operation"]?.GetValue<string>() ?? "",
                json["issue"]?.GetValue<string>() ?? "",
                json["method"]?.GetValue<string>() ?? "",
                json["path"]?.GetValue<string>() ?? "",
                file,
                rendered is null ? null : Path.Combine(directory, rendered)));
        }
        return entries.OrderBy(e => e.Sequence).ToList();
    }

    /// <summary>One line per entry: <c>0003 PUT rest/api/2/issue/DRP-53 (edit-issue DRP-53)</c>.</summary>
    public static string Describe(OutboxEntry entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{entry.Sequence:D4} {entry.Method} {entry.Path} ({entry.Operation} {entry.Issue})");
}
