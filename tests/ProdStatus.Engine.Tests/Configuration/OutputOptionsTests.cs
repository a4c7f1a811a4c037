using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Tests.Configuration;

public sealed class OutputOptionsTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("prodstat-home-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Resolve_DataDirSet_WinsOverEverything() =>
        Assert.Equal("/srv/prodstat", OutputOptions.Resolve("/srv/prodstat", "/xdg", _home));

    [Fact]
    public void Resolve_DataDirWithTilde_ExpandsToHome() =>
        Assert.Equal(Path.Combine(_home, "stats"), OutputOptions.Resolve("~/stats", null, _home));

    [Fact]
    public void Resolve_AbsoluteXdgDataHome_IsUsed() =>
        Assert.Equal("/xdg/ProdStat", OutputOptions.Resolve(null, "/xdg", _home));

    [Fact]
    public void Resolve_RelativeXdgDataHome_IsIgnored() =>
        Assert.Equal(Path.Combine(_home, ".local", "share", "ProdStat"), OutputOptions.Resolve(null, "relative", _home));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Resolve_HomeUnset_FailsNamingTheKey(string? home)
    {
        var ex = Assert.Throws<UserInputException>(() => OutputOptions.Resolve(null, null, home));
        Assert.Contains("ProdStatus:Output:DataDir", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HOME is not set", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Resolve_HomeMissing_FailsInsteadOfUsingTheCurrentDirectory()
    {
        string missing = Path.Combine(_home, "gone");
        var ex = Assert.Throws<UserInputException>(() => OutputOptions.Resolve(null, "", missing));
        Assert.Contains($"{missing} does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ProdStatus__Output__DataDir", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RelativeHome_IsTreatedAsMissing() =>
        Assert.Throws<UserInputException>(() => OutputOptions.Resolve(null, null, "."));

    [Fact]
    public void ExpandHome_TildeWithoutHome_FailsNamingTheKey() =>
        Assert.Contains("ProdStatus:Output:DataDir", Assert.Throws<UserInputException>(() => OutputOptions.ExpandHome("~/ca.pem", null)).Message,
            StringComparison.Ordinal);
}
