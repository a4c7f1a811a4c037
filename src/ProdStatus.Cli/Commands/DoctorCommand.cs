using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Diagnostics;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Cli.Commands;

/// <summary>
/// <c>prodstat doctor [--butler ROOT]…</c>: checks each configured part (PanDA, Jira, Slack, Teams, store, fonts,
/// Butler) and prints one line per check (✓/✗/–, what, how to fix). Exit 0 when none failed, else 1. Sends no write
/// to any service.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var butler = new Option<string[]>("--butler")
        {
            Description = "Also check that this Butler repository root exists (repeatable; s3:// roots are covered by the S3 endpoint check).",
            HelpName = "ROOT",
        };
        var command = new Command("doctor", "Check the configuration against each service (read-only) and print how to fix what fails.") { butler };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, token) =>
        {
            var results = (await services.GetRequiredService<HealthCheckRunner>().RunAsync(runtimeOnly: false, token)).ToList();
            results.AddRange(ButlerCheck.Roots(parse.GetValue(butler) ?? []));
            foreach (var result in results)
            {
                await environment.Out.WriteLineAsync(Format(result));
            }
            int failed = results.Count(r => r.Status == CheckStatus.Failed);
            await environment.Out.WriteLineAsync(failed == 0 ? "all checks passed" : $"{failed} check(s) failed");
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, ct));
        return command;
    }

    internal static string Format(CheckResult result) => result.Status switch
    {
        CheckStatus.Passed => $"✓ {result.What}",
        CheckStatus.Failed => $"✗ {result.What} — fix: {result.Fix}",
        _ => $"– {result.What}",
    };
}
