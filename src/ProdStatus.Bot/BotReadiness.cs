using Microsoft.Extensions.Options;

namespace ProdStatus.Bot;

/// <summary>What <c>/readyz</c> checks besides the store: the secrets without which the bot refuses every request.</summary>
internal static class BotReadiness
{
    /// <summary>The configuration key of the first missing required secret, or null.</summary>
    public static string? MissingSecret(IServiceProvider services)
    {
        if (string.IsNullOrEmpty(services.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret))
        {
            return $"{SlackOptions.Section}:SigningSecret";
        }
        if (string.IsNullOrEmpty(services.GetRequiredService<IOptions<JiraWebhookOptions>>().Value.WebhookSecret))
        {
            return $"{JiraWebhookOptions.Section}:WebhookSecret";
        }
        return null;
    }
}
