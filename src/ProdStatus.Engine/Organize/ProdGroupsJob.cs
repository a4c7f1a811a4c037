using System.Globalization;
using System.Text;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Output;

namespace ProdStatus.Engine.Organize;

/// <summary>The make-prod-groups arguments, checked: numbers are numbers, the band is one of <see cref="ProdGroups.Bands"/>.</summary>
public sealed record ProdGroupsRequest(string Template, string Band, int GroupSize, int SkipGroups, int Groups, string ExposureList)
{
    /// <summary>Parses the six positional arguments as typed; errors name the argument (exit code 2).</summary>
    public static ProdGroupsRequest Parse(string template, string band, string groupSize, string skipGroups, string groups, string exposureList)
    {
        if (!ProdGroups.Bands.Contains(band, StringComparer.Ordinal))
        {
            throw new UserInputException($"BAND: must be one of {string.Join(", ", ProdGroups.Bands)} (got '{band}')");
        }
        return new ProdGroupsRequest(template, band, Number("GROUPSIZE", groupSize, 1), Number("SKIPGROUPS", skipGroups, 0),
            Number("NGROUPS", groups, 1), exposureList);
    }

    private static int Number(string argument, string text, int min)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            throw new UserInputException($"{argument}: must be a whole number (got '{text}')");
        }
        return value >= min ? value : throw new UserInputException($"{argument}: must be at least {min} (got {value})");
    }
}

/// <summary>Reads the template and the list, plans the groups and writes one submit yaml per group, atomically.</summary>
public static class ProdGroupsJob
{
    public static async Task<ProdGroupsResult> RunAsync(ProdGroupsRequest request, string outDir, CancellationToken cancellationToken = default)
    {
        string template = await ReadAsync("TEMPLATE", request.Template, cancellationToken);
        var entries = ProdGroups.ParseList(request.ExposureList, await ReadAsync("EXPLIST", request.ExposureList, cancellationToken));
        int available = ProdGroups.GroupCount(entries, request.Band, request.GroupSize);
        if (available == 0)
        {
            throw new UserInputException(request.Band is "all" or "f"
                ? $"{request.ExposureList}: EXPLIST has no rows"
                : $"{request.ExposureList}: EXPLIST has no rows of band {request.Band} (use BAND all for a tract list)");
        }
        if (request.SkipGroups >= available)
        {
            throw new UserInputException(
                $"SKIPGROUPS: {request.SkipGroups} skips every group: EXPLIST makes {available} group(s) of {request.GroupSize} for band {request.Band}");
        }
        var groups = ProdGroups.Plan(entries, request.Band, request.GroupSize, request.SkipGroups, request.Groups);
        string directory = Path.GetFullPath(outDir);
        var files = groups.Select(g => new OutputFile(
            Path.Combine(directory, ProdGroups.OutputName(request.Template, request.Band, g)),
            Encoding.UTF8.GetBytes(ProdGroups.Fill(template, request.Band, g)))).ToList();
        await AtomicFile.WriteAllAsync(files, cancellationToken);
        return new ProdGroupsResult(groups, files.Select(f => f.Path).ToList(), available);
    }

    private static async Task<string> ReadAsync(string argument, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{argument}: {path}: file not found");
        }
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{argument}: {path}: cannot read: {ex.Message}", ex);
        }
    }
}

/// <param name="Available">How many groups the list makes; fewer were written when SKIPGROUPS + NGROUPS passes it.</param>
public sealed record ProdGroupsResult(IReadOnlyList<ProdGroup> Groups, IReadOnlyList<string> Files, int Available);
