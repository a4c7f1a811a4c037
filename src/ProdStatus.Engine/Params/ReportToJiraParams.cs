using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Yaml;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Params;

/// <summary>
/// The report-to-jira parameter file: <c>project</c> (optional; <c>Data\ Release\ Processing</c> escaping accepted),
/// <c>Jira</c>, <c>comments: [{file, tokens}]</c>, <c>attachments: [path]</c>. Paths may start with <c>~</c>.
/// </summary>
public sealed record ReportToJiraParams(string? Project, string Jira, IReadOnlyList<ReportComment> Comments, IReadOnlyList<string> Attachments)
{
    public static ReportToJiraParams Load(string path)
    {
        var root = YamlFile.LoadMapping(path);
        string? project = (YamlFile.Get(root, "project") as YamlScalarNode)?.Value?.Replace("\\ ", " ", StringComparison.Ordinal).Trim();
        string jira = (YamlFile.Get(root, "Jira") as YamlScalarNode)?.Value?.Trim() is { Length: > 0 } j
            ? Domain.IssueKey.TryParse(j, out var key) ? key.Value : throw UserInputException.ForField(path, "Jira", Domain.IssueKey.Problem(j))
            : throw UserInputException.ForField(path, "Jira", "is required (the issue key to report to)");
        var comments = new List<ReportComment>();
        if (YamlFile.Get(root, "comments") is { } commentsNode)
        {
            if (commentsNode is not YamlSequenceNode list)
            {
                throw UserInputException.ForField(path, "comments", "must be a list of {file, tokens}");
            }
            for (int i = 0; i < list.Children.Count; i++)
            {
                comments.Add(Comment(path, $"comments[{i}]", list.Children[i]));
            }
        }
        var attachments = new List<string>();
        if (YamlFile.Get(root, "attachments") is { } attachNode)
        {
            attachments = attachNode is YamlSequenceNode seq
                ? seq.Children.Select((c, i) => c is YamlScalarNode { Value: { Length: > 0 } v }
                    ? OutputOptions.ExpandHome(v)
                    : throw UserInputException.ForField(path, $"attachments[{i}]", "must be a file path")).ToList()
                : throw UserInputException.ForField(path, "attachments", "must be a list of file paths");
        }
        return new ReportToJiraParams(string.IsNullOrEmpty(project) ? null : project, jira, comments, attachments);
    }

    private static ReportComment Comment(string path, string field, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            throw UserInputException.ForField(path, field, "must be a mapping {file, tokens}");
        }
        string file = (YamlFile.Get(map, "file") as YamlScalarNode)?.Value is { Length: > 0 } f
            ? OutputOptions.ExpandHome(f)
            : throw UserInputException.ForField(path, $"{field}.file", "is required");
        var tokens = YamlFile.Get(map, "tokens") switch
        {
            YamlSequenceNode seq when seq.Children.Count > 0 => seq.Children.Select((c, i) => c is YamlScalarNode { Value: { Length: > 0 } t }
                ? t
                : throw UserInputException.ForField(path, $"{field}.tokens[{i}]", "must be a non-empty string")).ToList(),
            YamlScalarNode { Value: { Length: > 0 } t } => [t],
            _ => throw UserInputException.ForField(path, $"{field}.tokens", "is required (a list of strings the comment contains)"),
        };
        return new ReportComment(file, tokens);
    }
}

public sealed record ReportComment(string File, IReadOnlyList<string> Tokens);
