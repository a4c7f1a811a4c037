using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Publish.Slack;

namespace ProdStatus.Cli.Commands;

/// <summary>
/// <c>prodstat slack-sign TEXT [--url URL]</c>: prints a curl command that sends <c>/prodstat TEXT</c> to a running bot,
/// signed with <c>ProdStatus:Slack:SigningSecret</c> the way Slack signs it (for trying the bot locally).
/// </summary>
internal static class SlackSignCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var text = new Argument<string>("TEXT") { Description = "The command text, e.g. \"stats PREOPS-905\"." };
        var url = new Option<string>("--url")
        {
            Description = "The bot's slash-command endpoint.",
            DefaultValueFactory = _ => "http://127.0.0.1:5000/slack/commands",
        };
        var responseUrl = new Option<string>("--response-url")
        {
            Description = "Where the bot should post its answer (a local listener when trying it out).",
            DefaultValueFactory = _ => "http://127.0.0.1:5001/commands/T0/0/local",
        };
        var command = new Command("slack-sign", "Print a curl command sending a signed /prodstat request to a running bot.") { text, url, responseUrl };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, parse, async (services, _) =>
        {
            string secret = services.GetRequiredService<IConfiguration>()["ProdStatus:Slack:SigningSecret"] is { Length: > 0 } s
                ? s
                : throw new UserInputException("ProdStatus:Slack:SigningSecret is not set (export ProdStatus__Slack__SigningSecret=…)");
            string body = "team_id=T0&channel_id=C0&user_id=U0&command=%2Fprodstat" +
                          $"&text={Uri.EscapeDataString(parse.GetValue(text)!)}&response_url={Uri.EscapeDataString(parse.GetValue(responseUrl)!)}";
            // Signatures are valid for five minutes, like Slack's.
            string ts = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            string signature = SlackSignature.Compute(secret, ts, Encoding.UTF8.GetBytes(body));
            await environment.Out.WriteLineAsync(
                $"curl -sS -X POST '{parse.GetValue(url)}' -H 'Content-Type: application/x-www-form-urlencoded' " +
                $"-H 'X-Slack-Request-Timestamp: {ts}' -H 'X-Slack-Signature: {signature}' --data '{body}'");
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
