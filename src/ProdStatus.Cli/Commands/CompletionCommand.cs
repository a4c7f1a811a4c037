using System.CommandLine;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Cli.Commands;

/// <summary>
/// <c>prodstat completion bash|zsh</c>: prints a shell function that asks <c>prodstat</c> itself for completions
/// through System.CommandLine's <c>[suggest:POSITION]</c> directive (what dotnet-suggest does, without installing it).
/// </summary>
internal static class CompletionCommand
{
    internal const string Bash = """
        # prodstat completion for bash: eval "$(prodstat completion bash)"
        _prodstat_complete() {
            local IFS=$'\n'
            # The words after the program name, up to the cursor (however prodstat was invoked).
            local line="${COMP_LINE:0:$COMP_POINT}"
            line="${line#*[[:space:]]}"
            line="${line#"${line%%[![:space:]]*}"}"
            COMPREPLY=( $(command prodstat "[suggest:${#line}]" "$line" 2>/dev/null) )
        }
        complete -o default -F _prodstat_complete prodstat
        """;

    internal const string Zsh = """
        # prodstat completion for zsh: eval "$(prodstat completion zsh)" (after compinit)
        _prodstat_complete() {
            local line="${(j: :)words[2,CURRENT]}"
            local -a suggestions
            suggestions=("${(@f)$(command prodstat "[suggest:${#line}]" "$line" 2>/dev/null)}")
            compadd -a suggestions
        }
        compdef _prodstat_complete prodstat
        """;

    public static Command Create(CliEnvironment environment)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print the shell completion script (bash or zsh); see docs/install.md.") { shell };
        command.SetAction(async (parse, _) =>
        {
            await environment.Out.WriteLineAsync(parse.GetValue(shell) == "zsh" ? Zsh : Bash);
            return ExitCodes.Success;
        });
        return command;
    }
}
