using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Publish.Dashboard;
using ProdStatus.Engine.Publish.Jira;

namespace ProdStatus.Engine.Jobs;

/// <summary>
/// report-to-jira: each comment file into the comment carrying its tokens, each attachment replacing the one of the
/// same file name. Every file is read before the first write, so a missing file changes nothing. Each comment ends with
/// the campaign dashboard's link when the dashboard is configured.
/// </summary>
public sealed class ReportToJiraJob(JiraPublisher jira, ICampaignLinks? links = null)
{
    public async Task<ReportToJiraResult> RunAsync(ReportToJiraParams p, CancellationToken cancellationToken = default)
    {
        var texts = new List<(ReportComment Comment, string Text)>();
        foreach (var c in p.Comments)
        {
            texts.Add((c, File.Exists(c.File) ? await File.ReadAllTextAsync(c.File, cancellationToken) : throw new UserInputException($"{c.File}: comment file not found")));
        }
        var uploads = new List<JiraUpload>();
        foreach (string a in p.Attachments)
        {
            uploads.Add(File.Exists(a)
                ? new JiraUpload(Path.GetFileName(a), await File.ReadAllBytesAsync(a, cancellationToken), ContentType(a))
                : throw new UserInputException($"{a}: attachment file not found"));
        }
        if (p.Project is { } project)
        {
            string jql = $"project = {Jql.Quote(project)} AND issue = {Jql.Quote(p.Jira)}";
            if ((await jira.Api.SearchAsync(jql, 1, cancellationToken)).Count == 0)
            {
                throw new UserInputException($"Jira: issue {p.Jira} is not in project '{project}' (or not visible to this account)");
            }
        }
        var comments = new List<CommentResult>();
        foreach (var (comment, text) in texts)
        {
            string overflow = Path.GetFileNameWithoutExtension(comment.File) + "-full.txt";
            string body = links is null ? text : links.WithDashboardLink(p.Jira, text);
            comments.Add(await jira.UpsertCommentAsync(p.Jira, comment.Tokens, body, overflow, cancellationToken));
        }
        int replaced = 0;
        foreach (var upload in uploads)
        {
            replaced += await jira.ReplaceAttachmentAsync(p.Jira, upload, cancellationToken) ? 1 : 0;
        }
        return new ReportToJiraResult(p.Jira, comments, replaced, uploads.Count - replaced, jira.UsesOutbox ? jira.OutboxDir : null);
    }

    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".txt" or ".csv" => "text/plain",
        ".html" => "text/html",
        ".png" => "image/png",
        ".pdf" => "application/pdf",
        ".yaml" or ".yml" => "text/yaml",
        _ => "application/octet-stream",
    };
}

public sealed record ReportToJiraResult(string Issue, IReadOnlyList<CommentResult> Comments, int AttachmentsReplaced, int AttachmentsUnchanged, string? Outbox);
