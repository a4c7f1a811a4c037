using System.Text;

namespace ProdStatus.Bot.BrowserTests;

/// <summary>Reads the RFC 4180 CSV that get-panda-stat writes (quoted cells may hold commas).</summary>
internal static class Csv
{
    public static List<List<string>> Read(string path) =>
        File.ReadAllText(path).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(Line).ToList();

    private static List<string> Line(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
