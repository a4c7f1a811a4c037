using System.Text.Json;
using ProdStatus.Engine.Output;

namespace ProdStatus.Engine.Publish.Jira.Outbox;

/// <summary>
/// What the outbox's issues would look like after its writes, so later steps of an offline run (add-job-to-summary
/// after update-issue) read what earlier steps would have written. Kept in <c>state.json</c> when Jira is not configured.
/// </summary>
internal sealed class OutboxState
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public Dictionary<string, OutboxIssue> Issues { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int NextIssue { get; set; } = 1;

    public int NextId { get; set; } = 10_000;

    public static OutboxState Load(string path)
    {
        if (!File.Exists(path))
        {
            return new OutboxState();
        }
        try
        {
            var state = JsonSerializer.Deserialize<OutboxState>(File.ReadAllText(path), Json) ?? new OutboxState();
            state.Issues = new Dictionary<string, OutboxIssue>(state.Issues, StringComparer.OrdinalIgnoreCase);
            return state;
        }
        catch (JsonException ex)
        {
            throw new Errors.UserInputException($"{path}: not a valid outbox state file ({ex.Message}); delete it to start over", ex);
        }
    }

    public Task SaveAsync(string path, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json), cancellationToken);

    public string NewId() => (NextId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class OutboxIssue
{
    public string Key { get; set; } = "";

    public string Summary { get; set; } = "";

    public string Description { get; set; } = "";

    public List<JiraComment> Comments { get; set; } = [];

    /// <summary>Attachments with the outbox file holding their bytes (null for attachments read from Jira).</summary>
    public List<OutboxAttachment> Attachments { get; set; } = [];

    public List<JiraIssueLink> Links { get; set; } = [];

    public JiraIssue ToIssue() => new(Key, Key, Summary, Description,
        Attachments.Select(a => new JiraAttachment(a.Id, a.FileName, a.Size, a.Created)).ToList(), Links.ToList());
}

internal sealed record OutboxAttachment(string Id, string FileName, long Size, DateTimeOffset? Created, string? File);
