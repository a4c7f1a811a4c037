using System.Globalization;
using System.Text.RegularExpressions;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Organize;

/// <summary>One row of an exposure or tract list: <c>z 1472</c>, <c>all 2897</c>.</summary>
public readonly record struct ExposureEntry(string Band, long Id);

/// <summary>One group of the sorted (and band-filtered) list, 1-based as in the output names.</summary>
public readonly record struct ProdGroup(int Number, long Low, long High, int Count);

/// <summary>
/// make-prod-groups: split an exposure (or tract) list into groups of GROUPSIZE after sorting by id and keeping one
/// band, skip SKIPGROUPS groups, and fill a bps submit template per group (placeholders <c>GNUM BAND LOWEXP HIGHEXP</c>).
/// Unlike the original, groups past the end of the list are not written (it wrote <c>nan</c> bounds).
/// </summary>
public static partial class ProdGroups
{
    /// <summary><c>all</c> and <c>f</c> keep every row; a band letter keeps that band's rows.</summary>
    public static readonly string[] Bands = ["all", "f", "u", "g", "r", "i", "z", "y"];

    public static IReadOnlyList<ExposureEntry> ParseList(string path, string text)
    {
        var entries = new List<ExposureEntry>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            string[] cells = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != 2 || !long.TryParse(cells[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long id))
            {
                throw new UserInputException($"{path}: line {i + 1}: expected '<band> <exposure or tract id>', got '{line}'");
            }
            entries.Add(new ExposureEntry(cells[0], id));
        }
        return entries;
    }

    /// <summary>The groups to write: <c>[skip, skip + count)</c>, cut at the end of the list.</summary>
    public static IReadOnlyList<ProdGroup> Plan(IReadOnlyList<ExposureEntry> entries, string band, int groupSize, int skip, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupSize);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var ids = entries.Where(e => band is "all" or "f" || e.Band == band).Select(e => e.Id).Order().ToList();
        int total = (ids.Count + groupSize - 1) / groupSize;
        var groups = new List<ProdGroup>();
        for (int g = skip; g < total && g - skip < count; g++)
        {
            var members = ids.Skip(g * groupSize).Take(groupSize).ToList();
            groups.Add(new ProdGroup(g + 1, members[0], members[^1], members.Count));
        }
        return groups;
    }

    /// <summary>How many groups the list makes for <paramref name="band"/>.</summary>
    public static int GroupCount(IReadOnlyList<ExposureEntry> entries, string band, int groupSize) =>
        (entries.Count(e => band is "all" or "f" || e.Band == band) + groupSize - 1) / groupSize;

    /// <summary>Replaces every placeholder in one pass, so a replaced value is never replaced again.</summary>
    public static string Fill(string template, string band, ProdGroup group) =>
        Placeholder().Replace(template, m => m.Value switch
        {
            "GNUM" => group.Number.ToString(CultureInfo.InvariantCulture),
            "BAND" => band,
            "LOWEXP" => group.Low.ToString(CultureInfo.InvariantCulture),
            _ => group.High.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>The original's name: <c>&lt;template name without .yaml&gt;_&lt;BAND&gt;_&lt;n&gt;.yaml</c>.</summary>
    public static string OutputName(string templatePath, string band, ProdGroup group)
    {
        string name = Path.GetFileName(templatePath);
        string stem = name.EndsWith(".yaml", StringComparison.Ordinal) ? name[..^5] : name;
        return string.Create(CultureInfo.InvariantCulture, $"{stem}_{band}_{group.Number}.yaml");
    }

    [GeneratedRegex("GNUM|BAND|LOWEXP|HIGHEXP", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
