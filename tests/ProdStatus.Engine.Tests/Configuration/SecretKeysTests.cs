using ProdStatus.Engine.Configuration.Layers;

namespace ProdStatus.Engine.Tests.Configuration;

public sealed class SecretKeysTests
{
    [Theory]
    [InlineData("ProdStatus:Jira:ApiToken", true)]
    [InlineData("ProdStatus:Jira:PersonalAccessToken", true)]
    [InlineData("ProdStatus:Slack:BotToken", true)]
    [InlineData("ProdStatus:Slack:SigningSecret", true)]
    [InlineData("ProdStatus:Butler:DbAuthPassword", true)]
    [InlineData("ProdStatus:Butler:S3SecretAccessKey", true)]
    [InlineData("ProdStatus:Teams:WebhookUrl", true)]
    [InlineData("ProdStatus:Panda:Token", true)]
    [InlineData("ProdStatus:Panda:TokenKind", false)]
    [InlineData("ProdStatus:Panda:TokenFile", false)]
    [InlineData("ProdStatus:Butler:S3AccessKeyId", false)]
    [InlineData("ProdStatus:Jira:BaseUrl", false)]
    public void DecidesByKeyName(string key, bool secret) => Assert.Equal(secret, SecretKeys.IsSecret(key));

    [Theory]
    [InlineData("ProdStatus:Jira:ApiTokenFile", "ProdStatus:Jira:ApiToken")]
    [InlineData("ProdStatus:Store:ConnectionStringFile", "ProdStatus:Store:ConnectionString")]
    [InlineData("ProdStatus:Panda:TokenFile", null)]
    [InlineData("ProdStatus:Butler:DbAuthFile", null)]
    [InlineData("ProdStatus:Panda:CaCertificateFile", null)]
    public void FileKeys_NameTheirSecret(string key, string? target) => Assert.Equal(target, SecretKeys.SecretFileTarget(key));

    [Fact]
    public void Masks_AllButTheLast4_AndShortSecretsEntirely()
    {
        Assert.Equal("****wxyz", SecretKeys.Display("ProdStatus:Jira:ApiToken", "abcdefghijklmnopqrstuvwxyz"));
        Assert.Equal("****", SecretKeys.Display("ProdStatus:Jira:ApiToken", "short"));
        Assert.Equal("https://x/", SecretKeys.Display("ProdStatus:Jira:BaseUrl", "https://x/"));
    }

    [Fact]
    public void ConnectionStrings_ShowAllButThePassword()
    {
        string shown = SecretKeys.Display("ProdStatus:Store:ConnectionString", "Host=db;Username=prod;Password=very-secret-pw-77");
        Assert.Contains("host=db", shown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("very-secret", shown, StringComparison.Ordinal);
        Assert.Contains("****w-77", shown, StringComparison.Ordinal);
    }
}
