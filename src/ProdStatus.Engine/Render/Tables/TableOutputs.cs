using System.Text;
using ProdStatus.Engine.Output;

namespace ProdStatus.Engine.Render.Tables;

/// <summary>Renders a table to its four files (<c>.csv</c>, <c>.txt</c>, <c>.html</c>, <c>.png</c>) in memory.</summary>
public sealed class TableOutputs(TablePngRenderer png, TimeProvider time)
{
    private readonly TablePngRenderer _png = png;

    /// <summary>Renders every table in memory, then writes all files atomically; returns their paths.</summary>
    /// <param name="textOnly">Tables written without a PNG (<c>.csv</c>, <c>.txt</c>, <c>.html</c>): long free-text cells make poor images.</param>
    public async Task<IReadOnlyList<string>> WriteAsync(IEnumerable<StatTable> tables, string directory, string jira,
        CancellationToken cancellationToken = default, IEnumerable<StatTable>? textOnly = null)
    {
        var files = tables.SelectMany(t => Render(t, directory, jira))
            .Concat((textOnly ?? []).SelectMany(t => Render(t, directory, jira, png: false))).ToList();
        await AtomicFile.WriteAllAsync(files, cancellationToken);
        return files.Select(f => f.Path).ToList();
    }

    public IReadOnlyList<OutputFile> Render(StatTable table, string directory, string jira, bool png = true)
    {
        string stem = Path.Combine(directory, table.FileStem(jira));
        List<OutputFile> files =
        [
            new OutputFile(stem + ".csv", Encoding.UTF8.GetBytes(CsvTableWriter.Write(table))),
            new OutputFile(stem + ".txt", Encoding.UTF8.GetBytes(JiraWikiTableWriter.Write(table))),
            new OutputFile(stem + ".html", Encoding.UTF8.GetBytes(HtmlTableWriter.Write(table, time.GetUtcNow()))),
        ];
        if (png)
        {
            files.Add(new OutputFile(stem + ".png", _png.Render(table, Path.GetFileName(stem) + ".csv")));
        }
        return files;
    }
}
