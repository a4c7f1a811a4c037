using System.Text;
using ProdStatus.Engine.Output;

namespace ProdStatus.Engine.Render.Tables;

/// <summary>Renders a table to its four files (<c>.csv</c>, <c>.txt</c>, <c>.html</c>, <c>.png</c>) in memory.</summary>
public sealed class TableOutputs(TablePngRenderer png, TimeProvider time)
{
    public IReadOnlyList<OutputFile> Render(StatTable table, string directory, string jira)
    {
        string stem = Path.Combine(directory, table.FileStem(jira));
        return
        [
            new OutputFile(stem + ".csv", Encoding.UTF8.GetBytes(CsvTableWriter.Write(table))),
            new OutputFile(stem + ".txt", Encoding.UTF8.GetBytes(JiraWikiTableWriter.Write(table))),
            new OutputFile(stem + ".html", Encoding.UTF8.GetBytes(HtmlTableWriter.Write(table, time.GetUtcNow()))),
            new OutputFile(stem + ".png", png.Render(table)),
        ];
    }
}
