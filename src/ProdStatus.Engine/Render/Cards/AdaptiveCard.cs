using System.Text.Json.Serialization;

namespace ProdStatus.Engine.Render.Cards;

/// <summary>
/// An Adaptive Card 1.5 (the element subset the bot uses), serialized by <see cref="CardJson"/>. Property names and
/// values follow the strict schema (<c>firstRowAsHeader</c>, not <c>firstRowAsHeaders</c>). There is deliberately no
/// <c>Action.Submit</c>: Teams webhooks do not support it.
/// </summary>
public sealed record AdaptiveCard
{
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-3)]
    public string Schema => SchemaUrl;

    [JsonPropertyOrder(-2)]
    public string Type => "AdaptiveCard";

    [JsonPropertyOrder(-1)]
    public string Version => "1.5";

    /// <summary>Shown by clients that cannot render 1.5, and the notification preview.</summary>
    public string? FallbackText { get; init; }

    public required IReadOnlyList<CardElement> Body { get; init; }

    public IReadOnlyList<CardAction>? Actions { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
public abstract record CardAction;

public sealed record OpenUrlAction(string Title, Uri Url) : CardAction;

/// <summary>The Teams Workflows webhook body: one message with the card as its single attachment.</summary>
public sealed record TeamsMessage(IReadOnlyList<TeamsAttachment> Attachments)
{
    [JsonPropertyOrder(-1)]
    public string Type => "message";

    public static TeamsMessage For(AdaptiveCard card) => new([new TeamsAttachment(card)]);
}

public sealed record TeamsAttachment(AdaptiveCard Content)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyOrder(-1)]
    public string ContentType => AdaptiveCardContentType;
}
