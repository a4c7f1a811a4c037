using System.Text;
using ProdStatus.Engine.Publish.Slack;

namespace ProdStatus.Engine.Tests.Publish;

public sealed class SlackSignatureTests
{
    // Slack's worked example ("Verifying requests from Slack").
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1531420618 + 60);

    [Fact]
    public void Compute_MatchesSlacksExample() => Assert.Equal(Signature, SlackSignature.Compute(Secret, Timestamp, Body));

    [Theory]
    [InlineData(Timestamp, Signature, 0, SlackSignatureResult.Valid)]
    [InlineData(null, Signature, 0, SlackSignatureResult.MissingHeaders)]
    [InlineData(Timestamp, null, 0, SlackSignatureResult.MissingHeaders)]
    [InlineData("15314x0618", Signature, 0, SlackSignatureResult.MalformedTimestamp)]
    [InlineData(Timestamp, Signature, 301, SlackSignatureResult.Expired)]
    [InlineData(Timestamp, Signature, -301, SlackSignatureResult.Expired)]
    [InlineData(Timestamp, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504", 0, SlackSignatureResult.Mismatch)]
    [InlineData(Timestamp, "v0=short", 0, SlackSignatureResult.Mismatch)]
    public void Verify_CoversEveryOutcome(string? timestamp, string? signature, int skewSeconds, SlackSignatureResult expected) =>
        Assert.Equal(expected, SlackSignature.Verify(Secret, timestamp, signature, Body, DateTimeOffset.FromUnixTimeSeconds(1531420618 + skewSeconds)));

    [Fact]
    public void Verify_OneChangedByte_Fails()
    {
        byte[] tampered = (byte[])Body.Clone();
        tampered[^1] ^= 1;
        Assert.Equal(SlackSignatureResult.Mismatch, SlackSignature.Verify(Secret, Timestamp, Signature, tampered, Now));
    }
}
