namespace ProdStatus.Engine.Publish.Jira;

/// <summary>The fields of an issue this tool reads (REST v2: wiki-markup strings).</summary>
public sealed record JiraIssue(
    string Id,
    string Key,
    string Summary,
    string Description,
    IReadOnlyList<JiraAttachment> Attachments,
    IReadOnlyList<JiraIssueLink> Links);

/// <param name="Created">As Jira reports it; used to find the newest of several matching comments.</param>
public sealed record JiraComment(string Id, string Body, DateTimeOffset? Created, DateTimeOffset? Updated);

public sealed record JiraAttachment(string Id, string FileName, long Size, DateTimeOffset? Created);

/// <summary>A link as seen from one issue: its type name and the key of the issue at the other end.</summary>
public sealed record JiraIssueLink(string Id, string TypeName, string? InwardKey, string? OutwardKey);

/// <summary>Fields of a new issue.</summary>
public sealed record JiraNewIssue(string Project, string IssueType, string Summary, string Description, IReadOnlyList<string> Components);

/// <summary>A file to attach, held in memory so a refused upload (429/503) can be sent again.</summary>
public sealed record JiraUpload(string FileName, ReadOnlyMemory<byte> Content, string ContentType = "application/octet-stream");
