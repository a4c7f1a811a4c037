namespace ProdStatus.Engine.Render.Cards;

/// <summary>Size rules for cards posted through a Teams Workflows webhook.</summary>
public static class CardLimits
{
    /// <summary>The webhook rejects messages above about 28 KB; the whole posted message must stay below this.</summary>
    public const int MaxMessageBytes = 28_000;

    /// <summary>Bytes of the message that carries <paramref name="card"/>, as posted.</summary>
    public static int MessageBytes(AdaptiveCard card) => CardJson.SerializeMessage(TeamsMessage.For(card)).Length;

    /// <summary>
    /// Builds the card with as many of <paramref name="count"/> list items as fit (binary search over the item count);
    /// <paramref name="build"/> is told how many to show and adds the "more in Jira" note when that is fewer than all.
    /// </summary>
    public static AdaptiveCard FitItems(int count, Func<int, AdaptiveCard> build)
    {
        var full = build(count);
        if (MessageBytes(full) <= MaxMessageBytes)
        {
            return full;
        }
        int low = 0;
        int high = count - 1;
        while (low < high)
        {
            int mid = (low + high + 1) / 2;
            if (MessageBytes(build(mid)) <= MaxMessageBytes)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        var fitted = build(low);
        return MessageBytes(fitted) <= MaxMessageBytes
            ? fitted
            : throw new InvalidOperationException($"the card does not fit {MaxMessageBytes} bytes even without list items");
    }
}
