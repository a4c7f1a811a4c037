using ProdStatus.Engine.Collect.Butler;

namespace ProdStatus.Engine.Tests.Butler;

public sealed class ButlerRootsTests
{
    [Theory]
    [InlineData("/repo/main/butler.yaml", true)]
    [InlineData("/repo/main", true)]
    [InlineData("/repo/main/../../etc/passwd", false)]
    [InlineData("/repo/mainline/butler.yaml", false)]
    [InlineData("repo/main/butler.yaml", false)]
    [InlineData("s3://bucket/dc2/butler.yaml", true)]
    [InlineData("s3://bucket/dc2x/butler.yaml", false)]
    [InlineData("s3://bucket/dc2/../other/butler.yaml", false)]
    [InlineData("s3://other/dc2/butler.yaml", false)]
    [InlineData("https://bucket/dc2/butler.yaml", false)]
    public void Allows_OnlyPathsUnderARoot(string path, bool allowed) =>
        Assert.Equal(allowed, ButlerRoots.Allows(["/repo/main/", "s3://bucket/dc2"], path));

    [Fact]
    public void Allows_NothingWithoutRoots() => Assert.False(ButlerRoots.Allows([], "/repo/main/butler.yaml"));
}
