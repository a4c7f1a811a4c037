namespace ProdStatus.Engine.Render.Tables;

/// <summary>A statistics table, ready to render as CSV, Jira wiki text, HTML or PNG.</summary>
/// <param name="Name">Table name, also the token on the second line of the Jira text (<c>pandaStat</c>).</param>
/// <param name="Title">First line of the Jira text without its leading space (<c>Panda campaign statistics PREOPS-905</c>).</param>
/// <param name="IndexHeader">Header of the row-name column (<c>Workflow Task</c>, <c>workflow</c>).</param>
public sealed record StatTable(
    string Name,
    string Title,
    string IndexHeader,
    IReadOnlyList<TableColumn> Columns,
    IReadOnlyList<TableRow> Rows)
{
    /// <summary>File stem used for every output of this table: <c>pandaStat-PREOPS-905</c>.</summary>
    public string FileStem(string jira) => $"{Name}-{jira}";
}

public sealed record TableColumn(string Header, bool Numeric = false);

/// <param name="Cells">Formatted values, one per column, invariant culture.</param>
public sealed record TableRow(string Name, IReadOnlyList<string> Cells, RowStyle Style = RowStyle.Normal);

public enum RowStyle
{
    Normal,

    /// <summary>Something failed: red.</summary>
    Failed,

    /// <summary>Partly done (subfinished): yellow.</summary>
    Warning,

    /// <summary>Totals row: bold.</summary>
    Summary,
}
