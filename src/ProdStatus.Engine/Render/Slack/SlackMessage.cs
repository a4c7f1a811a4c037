using System.Text.Json.Serialization;

namespace ProdStatus.Engine.Render.Slack;

/// <summary>A Block Kit message body (<c>chat.postMessage</c> / <c>response_url</c>): blocks plus the <c>text</c> fallback.</summary>
/// <param name="Text">Shown in notifications and by clients that cannot draw the blocks.</param>
public sealed record SlackMessage(string Text, IReadOnlyList<SlackBlock> Blocks);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(TableBlock), "table")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
public abstract record SlackBlock;

public sealed record HeaderBlock(PlainText Text) : SlackBlock;

public sealed record SectionBlock(MrkdwnText? Text, IReadOnlyList<MrkdwnText>? Fields = null) : SlackBlock;

public sealed record ContextBlock(IReadOnlyList<MrkdwnText> Elements) : SlackBlock;

public sealed record DividerBlock : SlackBlock;

/// <summary>The native table block: ≤ 100 rows of ≤ 20 cells, one per message.</summary>
public sealed record TableBlock(IReadOnlyList<IReadOnlyList<RawTextCell>> Rows, IReadOnlyList<ColumnSetting>? ColumnSettings = null) : SlackBlock;

public sealed record ActionsBlock(IReadOnlyList<LinkButton> Elements) : SlackBlock;

public sealed record PlainText(string Text)
{
    [JsonPropertyOrder(-1)]
    public string Type => "plain_text";

    public bool Emoji => true;
}

public sealed record MrkdwnText(string Text)
{
    [JsonPropertyOrder(-1)]
    public string Type => "mrkdwn";
}

public sealed record RawTextCell(string Text)
{
    [JsonPropertyOrder(-1)]
    public string Type => "raw_text";
}

public sealed record ColumnSetting(string? Align = null, bool? IsWrapped = null);

/// <summary>A button that only opens a URL (Slack still sends an interaction payload, which the bot acknowledges).</summary>
public sealed record LinkButton(PlainText Text, Uri Url, string ActionId)
{
    [JsonPropertyOrder(-1)]
    public string Type => "button";
}
