namespace ProdStatus.Engine.Publish.Jira;

/// <summary>
/// The Jira REST v2 operations the engine uses. <see cref="JiraClient"/> talks to Jira; <see cref="Outbox.OutboxJiraApi"/>
/// records the writes it would make. Every text is Jira wiki markup.
/// </summary>
/// <remarks>Endpoints: https://developer.atlassian.com/cloud/jira/platform/rest/v2/ (Data Center: same paths, v2 only).</remarks>
public interface IJiraApi
{
    Task<JiraIssue> GetIssueAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Creates an issue and returns its key. Not retried after an ambiguous failure.</summary>
    Task<string> CreateIssueAsync(JiraNewIssue issue, CancellationToken cancellationToken = default);

    /// <summary>Sets the summary and/or description (null leaves a field unchanged).</summary>
    Task EditIssueAsync(string key, string? summary, string? description, CancellationToken cancellationToken = default);

    /// <summary>Issue keys matching <paramref name="jql"/>, all pages (Cloud <c>/search/jql</c>, Data Center <c>/search</c>).</summary>
    Task<IReadOnlyList<string>> SearchAsync(string jql, int maxResults = 1000, CancellationToken cancellationToken = default);

    /// <summary>Every comment of the issue, all pages, oldest first.</summary>
    Task<IReadOnlyList<JiraComment>> GetCommentsAsync(string key, CancellationToken cancellationToken = default);

    Task<JiraComment> AddCommentAsync(string key, string body, CancellationToken cancellationToken = default);

    Task UpdateCommentAsync(string key, string commentId, string body, CancellationToken cancellationToken = default);

    Task DeleteCommentAsync(string key, string commentId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JiraAttachment>> AddAttachmentAsync(string key, JiraUpload file, CancellationToken cancellationToken = default);

    Task<byte[]> DownloadAttachmentAsync(string attachmentId, CancellationToken cancellationToken = default);

    Task DeleteAttachmentAsync(string attachmentId, CancellationToken cancellationToken = default);

    Task CreateIssueLinkAsync(string typeName, string inwardKey, string outwardKey, CancellationToken cancellationToken = default);
}
