using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;

namespace ProdStatus.Engine.Publish.Jira;

/// <summary>
/// Idempotent writes on top of <see cref="IJiraApi"/>: a run repeated gives the same Jira state. Writes to one issue are
/// serialized; an unchanged text or file is not written again; texts over Jira's field limit go to an attachment with a
/// pointer left in their place.
/// </summary>
public sealed partial class JiraPublisher(JiraConnection connection, IssueLocks locks, IOptions<JiraOptions> options, ILogger<JiraPublisher> logger)
{
    public IJiraApi Api => connection.Api;

    public bool UsesOutbox => connection.UsesOutbox;

    public string OutboxDir => connection.OutboxDir;

    /// <summary>
    /// The comment whose body contains every token is updated in place; with several, the newest is updated and the
    /// others are reported (not deleted); with none, one is added.
    /// </summary>
    public async Task<CommentResult> UpsertCommentAsync(string key, IReadOnlyList<string> tokens, string text, string overflowFileName,
        CancellationToken cancellationToken = default)
    {
        using var _ = await locks.AcquireAsync(key, cancellationToken);
        var comments = await Api.GetCommentsAsync(key, cancellationToken);
        var matches = comments.Where(c => tokens.All(t => c.Body.Contains(t, StringComparison.Ordinal)))
            .OrderByDescending(c => c.Created ?? DateTimeOffset.MinValue).ThenByDescending(c => long.TryParse(c.Id, out long id) ? id : 0)
            .ToList();
        string body = await FitAsync(key, text, overflowFileName, tokens, cancellationToken);
        var others = matches.Skip(1).Select(c => c.Id).ToList();
        if (matches.Count > 0)
        {
            if (SameText(matches[0].Body, body))
            {
                return new CommentResult(CommentAction.Unchanged, matches[0].Id, others);
            }
            await Api.UpdateCommentAsync(key, matches[0].Id, body, cancellationToken);
            Log.Written(logger, key, $"comment {matches[0].Id} updated");
            return new CommentResult(CommentAction.Updated, matches[0].Id, others);
        }
        try
        {
            var added = await Api.AddCommentAsync(key, body, cancellationToken);
            Log.Written(logger, key, $"comment {added.Id} added");
            return new CommentResult(CommentAction.Added, added.Id, []);
        }
        catch (JiraException ex) when (ex.Ambiguous)
        {
            // The POST may have landed; it is not sent again blindly. Look, and only report failure if it is absent.
            var landed = (await Api.GetCommentsAsync(key, cancellationToken)).FirstOrDefault(c => SameText(c.Body, body));
            if (landed is null)
            {
                throw;
            }
            return new CommentResult(CommentAction.Added, landed.Id, []);
        }
    }

    /// <summary>Sets summary and description unless they already read so. Returns true when something was written.</summary>
    public async Task<bool> SetFieldsAsync(string key, string? summary, string description, string overflowFileName,
        CancellationToken cancellationToken = default)
    {
        using var _ = await locks.AcquireAsync(key, cancellationToken);
        var issue = await Api.GetIssueAsync(key, cancellationToken);
        string fitted = await FitAsync(key, description, overflowFileName, [], cancellationToken);
        bool summaryChanged = summary is not null && issue.Summary != summary;
        bool descriptionChanged = !SameText(issue.Description, fitted);
        if (!summaryChanged && !descriptionChanged)
        {
            return false;
        }
        await Api.EditIssueAsync(key, summaryChanged ? summary : null, descriptionChanged ? fitted : null, cancellationToken);
        Log.Written(logger, key, summaryChanged && descriptionChanged ? "summary and description set" : summaryChanged ? "summary set" : "description set");
        return true;
    }

    /// <summary>Uploads the file, then deletes older attachments of exactly that name; skips an identical one.</summary>
    public async Task<bool> ReplaceAttachmentAsync(string key, JiraUpload file, CancellationToken cancellationToken = default)
    {
        using var _ = await locks.AcquireAsync(key, cancellationToken);
        return await ReplaceUnlockedAsync(key, file, cancellationToken);
    }

    /// <summary>Creates the link unless the same type already links the two issues.</summary>
    public async Task<bool> EnsureLinkAsync(string typeName, string inwardKey, string outwardKey, CancellationToken cancellationToken = default)
    {
        using var _ = await locks.AcquireAsync(inwardKey, cancellationToken);
        var issue = await Api.GetIssueAsync(inwardKey, cancellationToken);
        if (issue.Links.Any(l => string.Equals(l.TypeName, typeName, StringComparison.OrdinalIgnoreCase) &&
                                 string.Equals(l.InwardKey, inwardKey, StringComparison.OrdinalIgnoreCase) &&
                                 string.Equals(l.OutwardKey, outwardKey, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        try
        {
            await Api.CreateIssueLinkAsync(typeName, inwardKey, outwardKey, cancellationToken);
        }
        catch (JiraException ex) when (ex.Ambiguous)
        {
            var again = await Api.GetIssueAsync(inwardKey, cancellationToken);
            if (!again.Links.Any(l => string.Equals(l.TypeName, typeName, StringComparison.OrdinalIgnoreCase) &&
                                      string.Equals(l.OutwardKey, outwardKey, StringComparison.OrdinalIgnoreCase)))
            {
                throw;
            }
        }
        return true;
    }

    private async Task<bool> ReplaceUnlockedAsync(string key, JiraUpload file, CancellationToken cancellationToken)
    {
        var issue = await Api.GetIssueAsync(key, cancellationToken);
        var old = issue.Attachments.Where(a => a.FileName == file.FileName).ToList();
        if (old.Count == 1 && old[0].Size == file.Content.Length &&
            (await Api.DownloadAttachmentAsync(old[0].Id, cancellationToken)).AsSpan().SequenceEqual(file.Content.Span))
        {
            return false;
        }
        try
        {
            await Api.AddAttachmentAsync(key, file, cancellationToken);
        }
        catch (JiraException ex) when (ex.Ambiguous)
        {
            // Not uploaded twice blindly: if a new copy of the file is there now, it landed; otherwise report the failure.
            var now = await Api.GetIssueAsync(key, cancellationToken);
            if (!now.Attachments.Any(a => a.FileName == file.FileName && a.Size == file.Content.Length && old.All(o => o.Id != a.Id)))
            {
                throw;
            }
        }
        foreach (var attachment in old)
        {
            await Api.DeleteAttachmentAsync(attachment.Id, cancellationToken);
        }
        Log.Written(logger, key, $"{file.FileName} attached ({old.Count} older copies removed)");
        return true;
    }

    /// <summary>Jira may store CRLF line ends and drop trailing blanks; such differences are not changes.</summary>
    private static bool SameText(string stored, string wanted) =>
        string.Equals(stored.ReplaceLineEndings("\n").TrimEnd(), wanted.ReplaceLineEndings("\n").TrimEnd(), StringComparison.Ordinal);

    /// <summary>Called with the issue's lock held. A text within the limit is kept; a longer one is attached whole and replaced by its first lines and a pointer.</summary>
    private async Task<string> FitAsync(string key, string text, string fileName, IReadOnlyList<string> tokens,
        CancellationToken cancellationToken)
    {
        int max = options.Value.MaxFieldLength;
        if (text.Length <= max)
        {
            return text;
        }
        await ReplaceUnlockedAsync(key, new JiraUpload(fileName, Encoding.UTF8.GetBytes(text), "text/plain"), cancellationToken);
        var head = new StringBuilder();
        foreach (string line in text.Split('\n').Take(2))
        {
            head.Append(line).Append('\n');
        }
        var missing = tokens.Where(t => !head.ToString().Contains(t, StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            head.Append(string.Join(' ', missing)).Append('\n');
        }
        head.Append($"The full text ({text.Length} characters) is longer than Jira allows here: see the attachment [^{fileName}].\n");
        string result = head.ToString();
        return result.Length <= max ? result : result[..max];
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Issue}: {What}")]
        public static partial void Written(ILogger logger, string issue, string what);
    }
}

public enum CommentAction
{
    Added,
    Updated,
    Unchanged,
}

/// <param name="OtherMatches">Older comments that also carry every token; left alone, reported to the user.</param>
public sealed record CommentResult(CommentAction Action, string CommentId, IReadOnlyList<string> OtherMatches);
