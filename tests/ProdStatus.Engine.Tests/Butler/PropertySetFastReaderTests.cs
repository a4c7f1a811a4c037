using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Samples;
using Xunit;

namespace ProdStatus.Engine.Tests.Butler;

/// <summary>The line-based PropertySet reader must agree with the full YAML parser, or decline.</summary>
public sealed class PropertySetFastReaderTests
{
    private static readonly DateTimeOffset Prep = new(2022, 1, 27, 21, 30, 1, TimeSpan.Zero);

    public static TheoryData<string> Documents() =>
    [
        MetadataDocuments.Yaml("isr", new QuantumSample(Prep, Prep.AddSeconds(1), Prep.AddSeconds(31), 5.1, 5.58, 34.0, 1873412, null), 3),
        MetadataDocuments.PropertySet2022("isr", new QuantumSample(Prep, Prep.AddSeconds(1), Prep.AddSeconds(31), 5.1, 5.58, 34.0, 1873412, null),
            ["assembleCcd", "crosstalk"]),
        MetadataDocuments.PropertySet2022("isr", new QuantumSample(Prep, Prep, Prep.AddSeconds(2), 1, 1, 1, 10, 1, NoWork: true), []),
        MetadataDocuments.Yaml("compute_object_epochs", new QuantumSample(Prep, Prep, Prep.AddSeconds(2), 1, 1, 1, 10, 1, NoWork: true)),
        """
        --- !<lsst.daf.base.PropertySet>
        - - isr
          - PropertySet
          - !<lsst.daf.base.PropertySet>
            - - runEndCpuTime
              - Double
              - - 10.0
                - 20.5
            - - note
              - String
              - 'it''s "quoted"'
            - - sub
              - PropertySet
              - !<lsst.daf.base.PropertySet>
                - - endCpuTime
                  - Double
                  - 99.0
            - - empty
              - PropertySet
              - !<lsst.daf.base.PropertySet> []
            - - runEndUtc
              - DateTime
              - !<lsst.daf.base.DateTime> '2022-01-27T21:30:32.000000000Z'
        - - quantum
          - PropertySet
          - !<lsst.daf.base.PropertySet>
            - - endUtc
              - String
              - "2022-01-27T21:30:32"
            - - endMaxResidentSetSize
              - LongLong
              - 1873412
        ...
        """,
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void TryRead_AgreesWithTheYamlParser(string yaml)
    {
        var fast = new MetadataSections();

        Assert.True(PropertySetFastReader.TryRead(yaml, fast));
        var full = YamlMetadataReader.ReadWithParser(yaml);

        Assert.Equal(Dump(full), Dump(fast));
        Assert.NotEmpty(Dump(fast));
    }

    [Theory]
    [InlineData("!<lsst.daf.base.PropertySet>\n- - quantum\n  - PropertySet\n  - !<lsst.daf.base.PropertySet>\n    - - endUtc\n      - String\n      - 'long text\n        continued'\n")]
    [InlineData("!<lsst.daf.base.PropertySet>\n- [quantum, PropertySet, []]\n")]
    [InlineData("quantum:\n  endUtc: '2022-01-27T21:30:32'\n")]
    [InlineData("!<lsst.daf.base.PropertySet>\n- - quantum\n  - PropertySet\n  - !<lsst.daf.base.PropertySet>\n    - - endUtc\n      - String\n      - \"a\\tb\"\n")]
    [InlineData("!<lsst.daf.base.PropertySet>\n- - quantum\n  - PropertySet\n  - !<lsst.daf.base.PropertySet>\n    - - endUtc\n      - String\n        - '2022'\n")]
    [InlineData("!<lsst.daf.base.PropertySet>\n- - quantum\n  - PropertySet\n  - !<lsst.daf.base.PropertySet>\n    - - sub\n      - PropertySet\n      - !<lsst.daf.base.PropertySet>\n        - {a: 1}\n")]
    [InlineData("!<lsst.daf.base.PropertySet>\n- - count\n  - Int\n  - 3\n")]
    public void TryRead_DeclinesWhatItDoesNotHandle(string yaml) => Assert.False(PropertySetFastReader.TryRead(yaml, new MetadataSections()));

    private static string Dump(MetadataSections sections) =>
        string.Join("\n", new[] { "isr", "compute_object_epochs", "quantum" }.Select(name => sections.Section(name) is { } values
            ? name + ": " + string.Join(", ", values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value.Text}"))
            : name + ": -"));
}
