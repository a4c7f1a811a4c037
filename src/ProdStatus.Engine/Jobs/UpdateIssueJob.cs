using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Drp;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Jira;

namespace ProdStatus.Engine.Jobs;

/// <summary>
/// update-issue: describe one <c>bps submit</c> in a DRP workflow issue. <c>DRP0</c> creates the issue, unless an issue
/// of the project already carries the same summary (a repeated run reuses it instead of creating a twin).
/// </summary>
public sealed class UpdateIssueJob(JiraPublisher jira, IOptions<JiraOptions> options, IOptions<PandaOptions> panda)
{
    public const string NewIssue = "DRP0";

    public async Task<UpdateIssueResult> RunAsync(string bpsYaml, string productionIssue, string? drpIssue, string? timestamp,
        Func<string, string?> environment, CancellationToken cancellationToken = default)
    {
        var submit = BpsSubmit.Read(bpsYaml, timestamp);
        var (pipelinePath, steps) = PipelineSubsets.Split(submit.PipelineYaml);
        IReadOnlyList<(string, string)> tasks = [];
        if (steps.Length > 0)
        {
            string file = PipelineSubsets.Expand(pipelinePath, bpsYaml, environment);
            if (!File.Exists(file))
            {
                throw UserInputException.ForField(bpsYaml, "pipelineYaml", $"{file}: file not found");
            }
            tasks = PipelineSubsets.Rows(file, steps, submit.HasExecutionButler ? "mergeExecutionButler" : "finalJob");
        }
        string link = DrpDescription.PandaLink(PandaBase(), submit.Timestamp);
        string summary = DrpDescription.Summary(submit);
        string description = DrpDescription.Build(submit, tasks, productionIssue, link);
        string overflow = $"update-issue-{submit.Timestamp}.txt";

        string? key = drpIssue is null or NewIssue ? await FindExistingAsync(summary, submit.Timestamp, cancellationToken) : drpIssue;
        bool created = false, changed;
        if (key is null)
        {
            var o = options.Value;
            try
            {
                // Jira Cloud burns an issue number on an over-long create: create it short, then let SetFields attach the rest.
                bool fits = description.Length <= o.MaxFieldLength;
                key = await jira.Api.CreateIssueAsync(new JiraNewIssue(o.Project, o.IssueType, summary,
                    fits ? description : "BPS Submit Keywords: see the attachment " + overflow, o.Components), cancellationToken);
                if (!fits)
                {
                    await jira.SetFieldsAsync(key, null, description, overflow, cancellationToken);
                }
            }
            catch (JiraException ex) when (ex.Ambiguous)
            {
                // Not sent again blindly: look for it first (Cloud search may lag, so a miss is not proof it is absent).
                key = await FindExistingAsync(summary, submit.Timestamp, cancellationToken)
                    ?? throw new UpstreamException("Jira", $"the new issue may or may not have been created ({ex.Message}); " +
                        $"run again later: an issue with summary '{summary}' is then found and reused instead of created twice", ex);
            }
            created = changed = true;
        }
        else
        {
            changed = await jira.SetFieldsAsync(key, summary, description, overflow, cancellationToken);
        }
        return new UpdateIssueResult(key, created, changed, summary, submit.Timestamp, submit.SubmitDirectory, tasks.Count,
            jira.UsesOutbox ? jira.OutboxDir : null);
    }

    private async Task<string?> FindExistingAsync(string summary, string timestamp, CancellationToken cancellationToken)
    {
        string jql = $"project = {Jql.Quote(options.Value.Project)} AND summary ~ {Jql.Quote(timestamp)}";
        foreach (string key in await jira.Api.SearchAsync(jql, 50, cancellationToken))
        {
            if ((await jira.Api.GetIssueAsync(key, cancellationToken)).Summary == summary)
            {
                return key;
            }
        }
        return null;
    }

    private string PandaBase() => options.Value.PandaLinkBase is { Length: > 0 } b ? b : panda.Value.BaseUrl ?? "";
}

public sealed record UpdateIssueResult(string Issue, bool Created, bool Changed, string Summary, string Timestamp,
    string SubmitDirectory, int TaskRows, string? Outbox);
