using System.CommandLine;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Organize;

namespace ProdStatus.Cli.Commands;

/// <summary><c>prodstat make-prod-groups TEMPLATE BAND GROUPSIZE SKIPGROUPS NGROUPS EXPLIST [--out DIR]</c>.</summary>
internal static class MakeProdGroupsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        // Taken as text and checked by ProdGroupsRequest, so a bad value is one line naming the argument (exit 2).
        var template = new Argument<string>("TEMPLATE") { Description = "bps submit yaml with the placeholders GNUM, BAND, LOWEXP, HIGHEXP." };
        var band = new Argument<string>("BAND") { Description = "all, f (both: no filter) or one of u g r i z y." };
        var groupSize = new Argument<string>("GROUPSIZE") { Description = "Exposures (or tracts) per group." };
        var skipGroups = new Argument<string>("SKIPGROUPS") { Description = "Groups to skip before the first one written." };
        var groups = new Argument<string>("NGROUPS") { Description = "Groups to write (fewer if the list ends first)." };
        var exposureList = new Argument<string>("EXPLIST") { Description = "Lines '<band> <id>': an exposure list (z 1472) or a tract list (all 2897)." };
        var outDir = new Option<string?>("--out") { Description = "Write the yaml files to DIR (default: the current directory, as the original).", HelpName = "DIR" };
        var command = new Command("make-prod-groups", "Split an exposure or tract list into groups and write one bps submit yaml per group.")
        {
            template, band, groupSize, skipGroups, groups, exposureList, outDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var request = ProdGroupsRequest.Parse(parse.GetValue(template)!, parse.GetValue(band)!, parse.GetValue(groupSize)!,
                    parse.GetValue(skipGroups)!, parse.GetValue(groups)!, parse.GetValue(exposureList)!);
                var result = await ProdGroupsJob.RunAsync(request, parse.GetValue(outDir) ?? Directory.GetCurrentDirectory(), ct);
                if (result.Groups.Count < request.Groups)
                {
                    await environment.Error.WriteLineAsync(FormattableString.Invariant(
                        $"warning: EXPLIST makes only {result.Available} group(s); wrote groups {result.Groups[0].Number}..{result.Groups[^1].Number}"));
                }
                foreach (var (group, file) in result.Groups.Zip(result.Files))
                {
                    await environment.Out.WriteLineAsync(FormattableString.Invariant(
                        $"{file}: group {group.Number}, {group.Count} ids, {group.Low}..{group.High}"));
                }
                return ExitCodes.Success;
            }
            catch (ProdStatException ex)
            {
                await environment.Error.WriteLineAsync($"error: {ex.Message}");
                return ex.ExitCode;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await environment.Error.WriteLineAsync($"error: --out: cannot write the yaml files: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
