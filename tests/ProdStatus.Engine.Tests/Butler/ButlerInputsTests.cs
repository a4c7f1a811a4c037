using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Engine.Domain.Butler;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Time;
using Xunit;

namespace ProdStatus.Engine.Tests.Butler;

/// <summary>Labels, collection selection, schema detection, butler.yaml, file locations, TAI times.</summary>
public sealed class ButlerInputsTests
{
    [Theory]
    [InlineData("isr_metadata", true, "isr")]
    [InlineData("compute_object_epochs_metadata", true, "compute_object_epochs")]
    [InlineData("isr_gatherResourceUsage_metadata", false, "")]
    [InlineData("isr_config", false, "")]
    [InlineData("_metadata", false, "")]
    public void TryGetLabel_KeepsUnderscoresAndSkipsBookkeeping(string name, bool ok, string label)
    {
        Assert.Equal(ok, MetadataLabels.TryGetLabel(name, out string found));
        Assert.Equal(label, found);
    }

    [Fact]
    public void Select_MatchesCaseSensitivelyWithInclusiveStopDateAndReportsNamesWithoutTimestamp()
    {
        var p = new PandaStatParams("PREOPS-905", ["2.2i"], 0, new DateOnly(2022, 1, 20), new DateOnly(2022, 1, 21));
        ButlerCollection[] collections =
        [
            new(1L, "2.2i/runs/PREOPS-905/20220120T000000Z", ButlerCollection.Run),
            new(2L, "2.2i/runs/PREOPS-905/20220121T235959Z", ButlerCollection.Run),
            new(3L, "2.2i/runs/PREOPS-905/20220122T000000Z", ButlerCollection.Run),
            new(4L, "2.2i/runs/preops-905/20220120T010000Z", ButlerCollection.Run),
            new(5L, "2.2i/runs/PREOPS-905/20220120t010000z", ButlerCollection.Run),
            new(6L, "2.2i/runs/PREOPS-905/step1/w_2022_05", ButlerCollection.Run),
            new(7L, "2.2i/runs/PREOPS-905/20220120T020000Z", ButlerCollection.Chained),
            new(8L, "2.3i/runs/PREOPS-905/20220120T030000Z", ButlerCollection.Run),
        ];

        var result = RunSelection.Select(collections, p);

        Assert.Equal([1L, 2L], result.Selected.Select(s => (long)s.Collection.Key));
        Assert.Equal(["2.2i/runs/PREOPS-905/20220120t010000z", "2.2i/runs/PREOPS-905/step1/w_2022_05"], result.SkippedNoTimestamp);
    }

    [Theory]
    [InlineData("lsst.daf.butler.registry.collections.nameKey.NameKeyCollectionManager", "1.0.0", RegistryGeneration.NameKey2022, false)]
    [InlineData("lsst.daf.butler.registry.collections.synthIntKey.SynthIntKeyCollectionManager", "2.0.0", RegistryGeneration.SynthIntKey, true)]
    public void Detect_KnownManagers(string collections, string version, RegistryGeneration generation, bool tai)
    {
        var detected = RegistrySchema.Detect(Attributes(collections, version), "butler.yaml");

        Assert.Equal(generation, detected.Generation);
        Assert.Equal(tai, detected.TaiIngestDates);
    }

    [Fact]
    public void Detect_UnknownDatasetsVersion_NamesTheAttribute()
    {
        var error = Assert.Throws<UserInputException>(() =>
            RegistrySchema.Detect(Attributes("x.synthIntKey.SynthIntKeyCollectionManager", "3.0.0"), "repo/butler.yaml"));

        Assert.Equal("repo/butler.yaml: butler_attributes 'version:lsst.daf.butler.registry.datasets.byDimensions._manager." +
                     "ByDimensionsDatasetRecordStorageManagerUUID' = '3.0.0' is not a supported datasets schema version (1.x or 2.x)", error.Message);
    }

    [Fact]
    public void Detect_UnknownCollectionsManager_NamesTheAttribute()
    {
        var error = Assert.Throws<UserInputException>(() => RegistrySchema.Detect(Attributes("x.OtherManager", "2.0.0"), "b.yaml"));

        Assert.Contains("'config:registry.managers.collections' = 'x.OtherManager'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ButlerYaml_ExpandsButlerRootAndReadsNamespace()
    {
        var config = ButlerRepositoryConfig.Parse("/repos/main/butler.yaml",
            "datastore:\n  root: <butlerRoot>/datastore\nregistry:\n  db: postgresql://usdf-butler.slac.stanford.edu:5432/lsstdb1\n  namespace: dp02\n");

        Assert.Equal("/repos/main/datastore", config.DatastoreRoot);
        Assert.Equal("dp02", config.Namespace);
        Assert.Equal("postgresql://usdf-butler.slac.stanford.edu:5432/lsstdb1", config.RegistryDb);
    }

    [Fact]
    public void Parse_ButlerYamlDefaults_SqliteInButlerRoot()
    {
        var config = ButlerRepositoryConfig.Parse("s3://bucket/repo/butler.yaml", "datastore:\n  cls: x\n");

        Assert.Equal("sqlite:///s3://bucket/repo/gen3.sqlite3", config.RegistryDb);
        Assert.Equal("s3://bucket/repo", config.DatastoreRoot);
    }

    [Fact]
    public void Parse_ButlerYamlNotAMapping_NamesTheFile() =>
        Assert.Equal("/r/butler.yaml: expected a Butler configuration mapping",
            Assert.Throws<UserInputException>(() => ButlerRepositoryConfig.Parse("/r/butler.yaml", "- a\n")).Message);

    [Theory]
    [InlineData("/repo", "a/b.json", "/repo/a/b.json", null)]
    [InlineData("file:///repo/", "a/b.json", "/repo/a/b.json", null)]
    [InlineData("s3://bucket/prefix", "a/b.json", "s3://bucket/prefix/a/b.json", null)]
    [InlineData("/repo", "file:///other/x.json", "/other/x.json", null)]
    [InlineData("/repo", "s3://other-bucket/x.json", "s3://other-bucket/x.json", null)]
    [InlineData("/repo", "z/files.zip#zip-path=isr/x.json", "/repo/z/files.zip", "isr/x.json")]
    public void Resolve_FollowsStoredFileInfoRules(string root, string path, string uri, string? member)
    {
        var location = DatastoreLocation.Resolve(root, path);

        Assert.Equal(uri, location.Uri);
        Assert.Equal(member, location.ZipMember);
    }

    [Fact]
    public void TaiTime_RoundTripsAndMatchesTheDocumentedExample()
    {
        var utc = new DateTimeOffset(2022, 1, 21, 5, 2, 36, TimeSpan.Zero);

        Assert.Equal(1642741393000000000, TaiTime.FromUtc(utc));
        Assert.Equal(utc, TaiTime.ToUtc(1642741393000000000));
    }

    [Fact]
    public void Redact_HidesThePassword() =>
        Assert.Equal("postgresql://user:***@host:5432/db", RegistryConnectionFactory.Redact("postgresql://user:s3cret@host:5432/db"));

    private static Dictionary<string, string> Attributes(string collections, string version) => new()
    {
        [RegistrySchema.CollectionsAttribute] = collections,
        ["version:lsst.daf.butler.registry.datasets.byDimensions._manager.ByDimensionsDatasetRecordStorageManagerUUID"] = version,
    };
}
