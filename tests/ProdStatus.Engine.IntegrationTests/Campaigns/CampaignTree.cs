using System.Text;
using ProdStatus.Engine.Campaigns;
using ProdStatus.Testing.Jira;

namespace ProdStatus.Engine.IntegrationTests.Campaigns;

/// <summary>A folder of bps submit yamls per step plus a campaign yaml, and helpers to seed and read the fake Jira.</summary>
internal sealed class CampaignTree : IDisposable
{
    public CampaignTree()
    {
        Root = Directory.CreateTempSubdirectory("prodstat-campaign-").FullName;
        Write("step1/step1_all_1.yaml", "pipelineYaml: DRP.yaml#step1\npayload: {dataQuery: exposure < 10}\n");
        Write("step1/step1_all_2.yaml", "pipelineYaml: DRP.yaml#step1\npayload: {dataQuery: exposure >= 10}\n");
        Write("step1/clustering.yaml", "cluster: {}\n");
        Write("step2/step2_a.yaml", "pipelineYaml: DRP.yaml#step2\n");
        CampaignYaml = Write("campaign.yaml", $$"""
            issue: null
            name: w_2022_34
            steps:
            - {name: step1, issue_name: '', split_bands: false, workflow_base: {{Step1Dir}}}
            - {name: step2, issue_name: null, split_bands: true, workflow_base: {{Path.Combine(Root, "step2")}}}
            """);
    }

    public string Root { get; }

    public string CampaignYaml { get; }

    public string Step1Dir => Path.Combine(Root, "step1");

    public string Write(string relative, string text)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public static void Attach(FakeJiraServer server, string key, string fileName, string text)
    {
        lock (server.State.Gate)
        {
            server.State.Issues[key].Attachments.Add(new FakeAttachment(server.State.NewId(), fileName, Encoding.UTF8.GetBytes(text), "text/yaml", server.State.NextTime()));
        }
    }

    public static string Attachment(FakeJiraServer server, string key, string fileName) =>
        Encoding.UTF8.GetString(server.State.Issues[key].Attachments.Single(a => a.FileName == fileName).Content);

    public static CampaignSpec StoredCampaign(FakeJiraServer server, string key) =>
        ProdStatus.Engine.Campaigns.CampaignYaml.Parse(key, Encoding.UTF8.GetBytes(Attachment(server, key, "campaign.yaml")));

    public static StepSpec StoredStep(FakeJiraServer server, string key) =>
        StepYaml.Parse(key, Encoding.UTF8.GetBytes(Attachment(server, key, "step.yaml")));

    public static string[] Links(FakeJiraServer server) => server.State.Links.Select(l => $"{l.Type} {l.Inward} -> {l.Outward}").ToArray();

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
