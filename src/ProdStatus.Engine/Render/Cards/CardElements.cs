using System.Text.Json.Serialization;

namespace ProdStatus.Engine.Render.Cards;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(CardTable), "Table")]
public abstract record CardElement
{
    public bool? Separator { get; init; }

    public CardSpacing? Spacing { get; init; }
}

public sealed record TextBlock(string Text) : CardElement
{
    public bool Wrap { get; init; } = true;

    public TextSize? Size { get; init; }

    public TextWeight? Weight { get; init; }

    public TextColor? Color { get; init; }

    public bool? IsSubtle { get; init; }

    public HorizontalAlignment? HorizontalAlignment { get; init; }
}

public sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement;

public sealed record Fact(string Title, string Value);

public sealed record ColumnSet(IReadOnlyList<Column> Columns) : CardElement;

public sealed record Column(IReadOnlyList<CardElement> Items)
{
    [JsonPropertyOrder(-1)]
    public string Type => "Column";

    /// <summary><c>auto</c>, <c>stretch</c> or a weight.</summary>
    public string? Width { get; init; }

    public ContainerStyle? Style { get; init; }
}

public sealed record Container(IReadOnlyList<CardElement> Items) : CardElement
{
    public ContainerStyle? Style { get; init; }
}

/// <summary>The 1.5 <c>Table</c> element.</summary>
public sealed record CardTable(IReadOnlyList<CardTableColumn> Columns, IReadOnlyList<CardTableRow> Rows) : CardElement
{
    public bool FirstRowAsHeader { get; init; } = true;

    public ContainerStyle? GridStyle { get; init; }
}

public sealed record CardTableColumn(int Width)
{
    [JsonPropertyOrder(-1)]
    public string Type => "TableColumnDefinition";

    public HorizontalAlignment? HorizontalCellContentAlignment { get; init; }
}

public sealed record CardTableRow(IReadOnlyList<CardTableCell> Cells)
{
    [JsonPropertyOrder(-1)]
    public string Type => "TableRow";

    public ContainerStyle? Style { get; init; }
}

public sealed record CardTableCell(IReadOnlyList<CardElement> Items)
{
    [JsonPropertyOrder(-1)]
    public string Type => "TableCell";
}

[JsonConverter(typeof(CamelCaseEnumConverter<CardSpacing>))]
public enum CardSpacing { None, Small, Default, Medium, Large, ExtraLarge }

[JsonConverter(typeof(CamelCaseEnumConverter<TextSize>))]
public enum TextSize { Small, Default, Medium, Large, ExtraLarge }

[JsonConverter(typeof(CamelCaseEnumConverter<TextWeight>))]
public enum TextWeight { Lighter, Default, Bolder }

[JsonConverter(typeof(CamelCaseEnumConverter<TextColor>))]
public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }

[JsonConverter(typeof(CamelCaseEnumConverter<ContainerStyle>))]
public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }

[JsonConverter(typeof(CamelCaseEnumConverter<HorizontalAlignment>))]
public enum HorizontalAlignment { Left, Center, Right }

/// <summary>Adaptive Card enum values are camelCase (<c>extraLarge</c>, <c>bolder</c>).</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
