using System.CommandLine;
using ProdStatus.Engine.Collect.Http;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Cli.Commands;

/// <summary><c>--record DIR</c> / <c>--replay DIR</c> for commands that talk to the PanDA monitor.</summary>
internal sealed class TransportOptions
{
    public Option<string?> Record { get; } = new("--record") { Description = "Store every monitor answer in DIR, keyed by its request.", HelpName = "DIR" };

    public Option<string?> Replay { get; } = new("--replay") { Description = "Answer every request from DIR (made by --record); no network.", HelpName = "DIR" };

    public void AddTo(Command command)
    {
        command.Options.Add(Record);
        command.Options.Add(Replay);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Record) is not null && result.GetValue(Replay) is not null)
            {
                result.AddError("--record and --replay cannot be used together");
            }
        });
    }

    public void Apply(ParseResult parse, HttpTransport transport)
    {
        if (parse.GetValue(Record) is { } recordDir)
        {
            transport.Record(recordDir);
        }
        if (parse.GetValue(Replay) is { } replayDir)
        {
            if (!Directory.Exists(replayDir))
            {
                throw new UserInputException($"{replayDir}: replay folder not found");
            }
            transport.Replay(replayDir);
        }
    }
}
