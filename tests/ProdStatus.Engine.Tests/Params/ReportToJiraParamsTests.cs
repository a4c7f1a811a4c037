using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Params;
using Xunit;

namespace ProdStatus.Engine.Tests.Params;

public sealed class ReportToJiraParamsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.yaml");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Load_TheDp02Shape_UnescapesProjectAndExpandsHome()
    {
        File.WriteAllText(_file, """
            project: 'Data\ Release\ Processing'
            Jira: DM-35936
            comments:
            - file: ~/ProdStat/pandaStat-DM-35936.txt
              tokens: ['pandaStat', 'campaign', 'DM-35936']
            attachments:
            - ~/ProdStat/pandaWfStat-DM-35936.html
            """);
        var p = ReportToJiraParams.Load(_file);
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal("Data Release Processing", p.Project);
        Assert.Equal("DM-35936", p.Jira);
        Assert.Equal(Path.Combine(home, "ProdStat/pandaStat-DM-35936.txt"), Assert.Single(p.Comments).File);
        Assert.Equal(["pandaStat", "campaign", "DM-35936"], p.Comments[0].Tokens);
        Assert.Equal([Path.Combine(home, "ProdStat/pandaWfStat-DM-35936.html")], p.Attachments);
    }

    [Theory]
    [InlineData("Jira: X-1\ncomments:\n- file: a.txt\n", "comments[0].tokens: is required (a list of strings the comment contains)")]
    [InlineData("Jira: X-1\ncomments:\n- tokens: [a]\n", "comments[0].file: is required")]
    [InlineData("Jira: X-1\nattachments: a.txt\n", "attachments: must be a list of file paths")]
    [InlineData("Jira: X-1\ncomments: {file: a}\n", "comments: must be a list of {file, tokens}")]
    [InlineData("project: P\n", "Jira: is required (the issue key to report to)")]
    public void Load_BadShapes_NameFileAndField(string yaml, string problem)
    {
        File.WriteAllText(_file, yaml);
        var ex = Assert.Throws<UserInputException>(() => ReportToJiraParams.Load(_file));
        Assert.Equal($"{_file}: {problem}", ex.Message);
    }
}
