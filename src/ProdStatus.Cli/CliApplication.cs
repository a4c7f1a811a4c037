using System.CommandLine;
using ProdStatus.Cli.Commands;

namespace ProdStatus.Cli;

/// <summary>The <c>prodstat</c> command tree. Only commands that work are registered.</summary>
public static class CliApplication
{
    public static RootCommand CreateCommand(CliEnvironment environment)
    {
        var root = new RootCommand("prodstat: production statistics for Rubin campaigns (PanDA, Butler) into Jira and team channels.");
        root.Options.Add(GlobalOptions.Verbose);
        root.Options.Add(GlobalOptions.Config);
        root.Options.Add(GlobalOptions.Set);
        root.Subcommands.Add(GetPandaStatCommand.Create(environment));
        root.Subcommands.Add(DemoCommand.Create(environment));
        root.Subcommands.Add(SlackSignCommand.Create(environment));
        root.Subcommands.Add(ReportPdfCommand.Create(environment));
        root.Subcommands.Add(GetButlerStatCommand.Create(environment));
        root.Subcommands.Add(UpdateIssueCommand.Create(environment));
        root.Subcommands.Add(UpdateStatCommand.Create(environment));
        root.Subcommands.Add(AddJobToSummaryCommand.Create(environment));
        root.Subcommands.Add(ImportSummaryCommand.Create(environment));
        root.Subcommands.Add(MapDrpStepsCommand.Create(environment));
        root.Subcommands.Add(ReportToJiraCommand.Create(environment));
        root.Subcommands.Add(PrepTimingDataCommand.Create(environment));
        root.Subcommands.Add(PlotDataCommand.Create(environment));
        root.Subcommands.Add(MakeProdGroupsCommand.Create(environment));
        root.Subcommands.Add(CreateCampaignYamlCommand.Create(environment));
        root.Subcommands.Add(UpdateCampaignCommand.Create(environment));
        root.Subcommands.Add(CreateStepYamlCommand.Create(environment));
        root.Subcommands.Add(UpdateStepCommand.Create(environment));
        root.Subcommands.Add(DashboardLinkCommand.Create(environment));
        root.Subcommands.Add(ConfigCommand.Create(environment));
        root.Subcommands.Add(DoctorCommand.Create(environment));
        root.Subcommands.Add(CompletionCommand.Create(environment));
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction(environment);
        root.Subcommands.Add(WatchOnceCommand.Create(environment));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment)
    {
        var root = CreateCommand(environment);
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = environment.Out, Error = environment.Error };
        return await parse.InvokeAsync(invocation);
    }
}
