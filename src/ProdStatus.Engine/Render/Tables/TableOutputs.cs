using System.Text;
using ProdStatus.Engine.Output;

namespace ProdStatus.Engine.Render.Tables;

/// <summary>Renders a table to its four files (<c>.csv</c>, <c>.txt</c>, <c>.html</c>, <c>.png</c>) in memory.</summary>
public sealed class TableOutputs(TablePngRenderer png, TimeProvider time)
{
    /// <summary>Renders every table in memory, then writes all files atomically; returns their paths.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(IEnumerable<StatTable> tables, string directory, string jira,
        CancellationToken cancellationToken = default)
    {
        var files = tables.SelectMany(t => Render(t, directory, jira)).ToList();
        await AtomicFile.WriteAllAsync(files, cancellationToken);
        return files.Select(f => f.Path).ToList();
    }

    public IReadOnlyList<OutputFile> Render(StatTable table, string directory, string jira)
    {
        string stem = Path.Combine(directory, table.FileStem(jira));
        return
        [
            new OutputFile(stem + ".csv", Encoding.UTF8.GetBytes(CsvTableWriter.Write(table))),
            new OutputFile(stem + ".txt", Encoding.UTF8.GetBytes(JiraWikiTableWriter.Write(table))),
            new OutputFile(stem + ".html", Encoding.UTF8.GetBytes(HtmlTableWriter.Write(table, time.GetUtcNow()))),
            new OutputFile(stem + ".png", png.Render(table, Path.GetFileName(stem) + ".csv")),
        ];
    }
}
