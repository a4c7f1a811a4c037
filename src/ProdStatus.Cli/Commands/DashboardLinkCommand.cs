using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Dashboard;

namespace ProdStatus.Cli.Commands;

/// <summary>
/// <c>prodstat dashboard-link [ISSUE] [--base-url URL] [--valid-days N]</c>: prints a signed link to a campaign's
/// dashboard (or, without ISSUE, to the campaign list), made with <c>ProdStatus:Dashboard:LinkKey</c>.
/// </summary>
internal static class DashboardLinkCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var issue = new Argument<string?>("ISSUE")
        {
            Description = "The campaign's Jira issue, e.g. PREOPS-905; omit it for the campaign list.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "The bot's public URL. Default: ProdStatus:Dashboard:BaseUrl.",
            HelpName = "URL",
        };
        var validDays = new Option<int?>("--valid-days")
        {
            Description = "Days the link stays valid (1-366; it ends at a UTC midnight). Default: ProdStatus:Dashboard:ValidDays.",
            HelpName = "N",
        };
        var command = new Command("dashboard-link", "Print a signed link to a campaign's dashboard page in the bot.") { issue, baseUrl, validDays };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, _) =>
        {
            string? url = parse.GetValue(baseUrl);
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            {
                throw new UserInputException($"--base-url must be an absolute http(s) URL (got '{url}')");
            }
            int days = parse.GetValue(validDays) ?? services.GetRequiredService<IOptions<DashboardOptions>>().Value.ValidDays;
            if (days is < 1 or > 366)
            {
                throw new UserInputException($"--valid-days must be between 1 and 366 (got {days})");
            }
            string? key = parse.GetValue(issue);
            if (key is not null && (key.Trim().Length == 0 || key.IndexOfAny(['/', '?', '#', '*', ' ']) >= 0))
            {
                throw new UserInputException($"ISSUE '{key}' is not a Jira issue key");
            }
            string subject = key is null ? DashboardLinks.ListSubject : DashboardLinks.Normalize(key);
            await environment.Out.WriteLineAsync(services.GetRequiredService<DashboardLinks>().Create(subject, days, url));
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
