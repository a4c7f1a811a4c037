using ProdStatus.Engine.Jobs;
using Spectre.Console;

namespace ProdStatus.Cli.Commands;

/// <summary>What get-panda-stat prints: where the files are, how many requests it cost, and the campaign summary.</summary>
internal static class PandaStatReport
{
    public static void Print(CliEnvironment environment, PandaStatJobResult result)
    {
        var stats = result.Stats;
        var console = environment.CreateConsole();
        console.WriteLine($"{stats.Jira}: {stats.Workflows.Count} workflows, {stats.TaskTypes.Count} task types; " +
                          $"{stats.WorkflowsRefreshed} workflows refreshed, {stats.TasksFetched} tasks read from PanDA, " +
                          $"{stats.Requests} monitor requests");
        // A terminal-sized summary; the full table is in the files.
        string[] shown = ["quanta", "wall clock", "CPU-hours", "max RSS GB", "jobs failed"];
        var indexes = shown.Select(h => stats.TaskTable.Columns.ToList().FindIndex(c => c.Header == h)).ToArray();
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(stats.TaskTable.IndexHeader));
        foreach (string header in shown)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)) { Alignment = Justify.Right });
        }
        foreach (var row in stats.TaskTable.Rows)
        {
            table.AddRow([Markup.Escape(row.Name), .. indexes.Select(i => Markup.Escape(row.Cells[i]))]);
        }
        console.Write(table);
        console.WriteLine($"outputs in {result.Directory}:");
        foreach (string file in result.Files)
        {
            console.WriteLine($"  {Path.GetFileName(file)}");
        }
    }
}
