using System.Text.RegularExpressions;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Time;

namespace ProdStatus.Engine.Drp;

/// <summary>
/// Finds a submission under <c>submit/</c>: the <c>payload.output</c> directory (a placeholder the submit yaml does not
/// define, such as <c>{operator}</c>, matches any one directory name) and the run directory of the timestamp.
/// </summary>
internal static partial class SubmitDirectory
{
    /// <summary>The output path relative to <paramref name="submitRoot"/>, placeholders filled from the directories found.</summary>
    public static string ResolveOutput(string submitRoot, string output, string yamlArgument)
    {
        if (!Placeholder().IsMatch(output))
        {
            return output;
        }
        var candidates = new List<string> { "" };
        foreach (string segment in output.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Placeholder().IsMatch(segment))
            {
                candidates = candidates.Select(c => Join(c, segment)).ToList();
                continue;
            }
            var pattern = new Regex("^" + string.Join("[^/]+", Placeholder().Split(segment).Select(Regex.Escape)) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
            candidates = candidates
                .Where(c => Directory.Exists(Path.Combine(submitRoot, c)))
                .SelectMany(c => Directory.EnumerateDirectories(Path.Combine(submitRoot, c))
                    .Select(Path.GetFileName).Where(n => n is not null && pattern.IsMatch(n)).Select(n => Join(c, n!)))
                .ToList();
        }
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw UserInputException.ForField(yamlArgument, "payload.output",
                $"'{output}' matches no directory under {submitRoot} (its placeholders are not defined in the submit yaml)"),
            _ => throw UserInputException.ForField(yamlArgument, "payload.output",
                $"'{output}' matches {candidates.Count} directories under {submitRoot} ({string.Join(", ", candidates.Take(3))}…); define the placeholder in the yaml"),
        };
    }

    /// <summary>The run directory and its canonical (upper-case) timestamp: the given one, or the newest.</summary>
    public static (string Directory, string Timestamp) ResolveRun(string outputDir, string? given)
    {
        if (!Directory.Exists(outputDir))
        {
            throw new UserInputException($"{outputDir}: submit directory not found (expected <yaml dir>/submit/<payload.output>)");
        }
        var runs = Directory.EnumerateDirectories(outputDir)
            .Select(d => (Dir: d, Ok: WorkflowTimestamp.TryParse(Path.GetFileName(d), out var s), Stamp: s))
            .Where(r => r.Ok).ToList();
        if (given is { Length: > 0 })
        {
            if (!WorkflowTimestamp.TryParse(given.Trim(), out var wanted))
            {
                throw new UserInputException($"--ts: '{given}' is not a timestamp YYYYMMDDTHHMMSSZ");
            }
            var match = runs.FirstOrDefault(r => r.Stamp == wanted);
            return match.Dir is not null
                ? (match.Dir, wanted.Key)
                : throw new UserInputException($"{Path.Combine(outputDir, wanted.Key)}: submit directory not found");
        }
        if (runs.Count == 0)
        {
            throw new UserInputException($"{outputDir}: no YYYYMMDDTHHMMSSZ directory (no submission found)");
        }
        var newest = runs.MaxBy(r => r.Stamp.Utc);
        return (newest.Dir, newest.Stamp.Key);
    }

    private static string Join(string left, string right) => left.Length == 0 ? right : left + "/" + right;

    [GeneratedRegex(@"\{[A-Za-z_][A-Za-z0-9_]*\}")]
    private static partial Regex Placeholder();
}
