namespace ProdStatus.Engine.Publish.Jira;

/// <summary>JQL literals: values are always quoted (the original pasted them in bare, so <c>Data Release Processing</c> broke).</summary>
public static class Jql
{
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
