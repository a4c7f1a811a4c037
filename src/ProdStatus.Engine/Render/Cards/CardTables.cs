namespace ProdStatus.Engine.Render.Cards;

/// <summary>Builds 1.5 <c>Table</c> elements: a bold header row, numeric columns right-aligned.</summary>
internal static class CardTables
{
    /// <param name="rows">Cells, an optional row style, and an optional colour for the second cell (the status).</param>
    public static CardTable Create(
        IReadOnlyList<(string Header, int Weight, bool Numeric)> columns,
        IEnumerable<(string[] Cells, ContainerStyle? Style, TextColor? SecondCellColor)> rows)
    {
        var definitions = columns.Select(c => new CardTableColumn(c.Weight)
            { HorizontalCellContentAlignment = c.Numeric ? HorizontalAlignment.Right : null }).ToList();
        var header = new CardTableRow(columns.Select(c => Cell(c.Header, TextWeight.Bolder, null)).ToList());
        var body = rows.Select(r => new CardTableRow(r.Cells.Select((text, i) => Cell(text, null, i == 1 ? r.SecondCellColor : null)).ToList())
            { Style = r.Style });
        return new CardTable(definitions, [header, .. body]);
    }

    private static CardTableCell Cell(string text, TextWeight? weight, TextColor? color) =>
        new([new TextBlock(text) { Weight = weight, Color = color is TextColor.Default ? null : color }]);
}
