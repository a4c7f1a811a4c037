using ProdStatus.Engine.Configuration;
using Xunit;

namespace ProdStatus.Engine.Tests.Butler;

public sealed class ButlerOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(new ButlerOptionsValidator().Validate(null, new ButlerOptions()).Succeeded);

    [Fact]
    public void Validate_InvalidOptions_NamesEveryKey()
    {
        var result = new ButlerOptionsValidator().Validate(null, new ButlerOptions
        {
            MaxConcurrency = 0,
            MaxMetadataBytes = 10,
            DbAuthPassword = "secret",
            S3EndpointUrl = "localhost:9000",
            S3AccessKeyId = "key",
        });

        Assert.Equal(
            [
                "ProdStatus:Butler:MaxConcurrency must be between 1 and 256 (got 0)",
                "ProdStatus:Butler:MaxMetadataBytes must be at least 1024 (got 10)",
                "ProdStatus:Butler:DbAuthUser is required when ProdStatus:Butler:DbAuthPassword is set",
                "ProdStatus:Butler:DbAuthUrl (the registry URL pattern the password is for) is required when ProdStatus:Butler:DbAuthPassword is set",
                "ProdStatus:Butler:S3EndpointUrl must be an absolute http(s) URL (got 'localhost:9000')",
                "ProdStatus:Butler:S3AccessKeyId and ProdStatus:Butler:S3SecretAccessKey must be set together",
            ],
            result.Failures);
        Assert.DoesNotContain("secret", result.FailureMessage, StringComparison.Ordinal);
    }
}
