using ProdStatus.Engine.Jobs;
using Spectre.Console;

namespace ProdStatus.Cli.Commands;

/// <summary>What get-butler-stat prints: what was read, what could not be, the table and where the files are.</summary>
internal static class ButlerStatReport
{
    public static void Print(CliEnvironment environment, ButlerStatJobResult result)
    {
        var stats = result.Stats;
        var now = stats.ThisRun;
        var console = environment.CreateConsole();
        if (!environment.Interactive)
        {
            console.Profile.Width = 240; // logs and pipes: one table row per line
        }
        console.WriteLine($"{stats.Jira}: {stats.Repository} ({stats.Generation}); {stats.RunsSelected} RUN collections, " +
                          $"{stats.RunsRead} read, {stats.RunsReused} unchanged from the store");
        console.WriteLine($"read now: {now.Read} of {now.Quanta} quanta; no file: {now.NoFile}, provenance-backed: {now.Provenance}, " +
                          $"unreadable: {now.Unreadable}, no metadata: {now.NoMetadata}");
        if (stats.SkippedNames.Count > 0)
        {
            console.WriteLine($"skipped {stats.SkippedNames.Count} matching RUN collections without a timestamp");
        }
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(stats.Table.IndexHeader));
        foreach (var column in stats.Table.Columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column.Header)) { Alignment = column.Numeric ? Justify.Right : Justify.Left });
        }
        foreach (var row in stats.Table.Rows)
        {
            table.AddRow([Markup.Escape(row.Name), .. row.Cells.Select(Markup.Escape)]);
        }
        console.Write(table);
        console.WriteLine($"outputs in {result.Directory}:");
        foreach (string file in result.Files)
        {
            console.WriteLine($"  {Path.GetFileName(file)}");
        }
    }
}
