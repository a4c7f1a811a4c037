using ProdStatus.Engine.Campaigns;

namespace ProdStatus.Engine.Tests.Campaigns;

public sealed class CampaignOptionsTests
{
    [Fact]
    public void DefaultSteps_Unset_AreStep1ToStep7_Configured_AreTakenAsGiven()
    {
        Assert.Equal(["step1", "step2", "step3", "step4", "step5", "step6", "step7"], new CampaignOptions().ResolveDefaultSteps());
        Assert.Equal(["step1", "step3a"], new CampaignOptions { DefaultSteps = ["step1", "step3a"] }.ResolveDefaultSteps());
    }

    [Fact]
    public void Validate_BadStepNames_AreReportedNamingTheKey()
    {
        var result = new CampaignOptionsValidator().Validate(null, new CampaignOptions { DefaultSteps = ["step1", "step 2", "step1"], LinkType = " " });
        Assert.Equal([
            "ProdStatus:Campaign:DefaultSteps:1 must be a step name: one word, no '/' (got 'step 2')",
            "ProdStatus:Campaign:DefaultSteps must not repeat a step",
            "ProdStatus:Campaign:LinkType must not be empty",
        ], result.Failures);
    }
}
