using System.Globalization;
using System.Text;
using ProdStatus.Engine.Errors;
using ProdStatus.Engine.Yaml;
using YamlDotNet.RepresentationModel;

namespace ProdStatus.Engine.Tests.Yaml;

public sealed class YamlFileTests
{
    private static YamlNode Value(string yaml, string key = "a") =>
        YamlFile.Get(YamlFile.ParseMapping("f.yaml", yaml), key) ?? throw new InvalidOperationException(key);

    [Theory]
    [InlineData("a: ~\n")]
    [InlineData("a: null\n")]
    [InlineData("a: Null\n")]
    [InlineData("a: NULL\n")]
    [InlineData("a:\n")]
    [InlineData("a: \n")]
    public void NullRule_PlainNullWordsAndEmpty_AreNull(string yaml) => Assert.True(YamlScalars.IsNull(Value(yaml)));

    [Theory]
    [InlineData("a: 'null'\n")]
    [InlineData("a: \"~\"\n")]
    [InlineData("a: ''\n")]
    [InlineData("a: nil\n")]
    [InlineData("a: none\n")]
    [InlineData("a: [~]\n")]
    [InlineData("a: {}\n")]
    public void NullRule_QuotedValuesAndOtherWords_AreNotNull(string yaml) => Assert.False(YamlScalars.IsNull(Value(yaml)));

    [Theory]
    [InlineData("true", true)]
    [InlineData("Yes", true)]
    [InlineData("ON", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("Off", false)]
    public void ScalarRule_Booleans_AreYaml11Words(string text, bool expected)
    {
        Assert.True(YamlScalars.TryBool(text, out bool value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("1")]
    [InlineData("")]
    public void ScalarRule_OtherWords_AreNotBooleans(string text) => Assert.False(YamlScalars.TryBool(text, out _));

    [Theory]
    [InlineData("10", 10)]
    [InlineData("-3", -3)]
    [InlineData("1e3", 1000)]
    [InlineData("10.0", 10)]
    public void ScalarRule_WholeNumbers(string text, int expected)
    {
        Assert.True(YamlScalars.TryInt(text, out int value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("ten")]
    [InlineData("1,5")]
    [InlineData("3000000000")]
    public void ScalarRule_NotWholeNumbers_AreRefused(string text) => Assert.False(YamlScalars.TryInt(text, out _));

    [Fact]
    public void ScalarRule_Numbers_UseTheInvariantCulture_WhateverTheLocale()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            Assert.True(YamlScalars.TryDouble("3600.5", out double d));
            Assert.Equal(3600.5, d);
            Assert.False(YamlScalars.TryDouble("3600,5", out _));
            Assert.False(YamlScalars.TryDouble("nan", out _));
            Assert.False(YamlScalars.TryDouble(".inf", out _));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("2022-02-04", 2022, 2, 4)]
    [InlineData(" 2022-12-31 ", 2022, 12, 31)]
    public void ScalarRule_Dates_AreYyyyMmDd(string text, int y, int m, int d)
    {
        Assert.True(YamlScalars.TryDate(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("2022-13-01")]
    [InlineData("04/02/2022")]
    [InlineData("2022-2-4")]
    public void ScalarRule_OtherDates_AreRefused(string text) => Assert.False(YamlScalars.TryDate(text, out _));

    [Fact]
    public void Error_ValueInTheFile_NamesFileLineAndField()
    {
        var root = YamlFile.ParseMapping("dir/p.yaml", "Jira: X-1\n\nmaxtask: ten\n");
        var error = YamlFile.Error("dir/p.yaml", YamlFile.Get(root, "maxtask"), "maxtask", "must be a whole number (got 'ten')");
        Assert.Equal("dir/p.yaml: line 3: maxtask: must be a whole number (got 'ten')", error.Message);
        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
    }

    [Fact]
    public void Error_MissingValue_NamesFileAndField()
    {
        var error = YamlFile.Error("p.yaml", null, "Jira", "is required");
        Assert.Equal("p.yaml: Jira: is required", error.Message);
    }

    [Theory]
    [InlineData("a: 1\na: 2\n", "f.yaml: line 2: not valid YAML: Duplicate key a")]
    [InlineData("a: [1\n", "f.yaml: line 2: not valid YAML")]
    [InlineData("- a\n", "f.yaml: expected a YAML mapping")]
    [InlineData("", "f.yaml: expected a YAML mapping")]
    public void Parse_BadFile_IsOneLineNamingFileAndLine(string yaml, string expected)
    {
        var error = Assert.Throws<UserInputException>(() => YamlFile.ParseMapping("f.yaml", yaml));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_Latin1Comment_CrLf_AndUtf8Bom_AreRead()
    {
        byte[] latin1 = Encoding.Latin1.GetBytes("# caf\u00e9\r\na: b\r\n");
        Assert.Equal("b", ((YamlScalarNode)YamlFile.Get(YamlFile.ParseMapping("f.yaml", latin1), "a")!).Value);
        byte[] bom = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a: caf\u00e9\n")];
        Assert.Equal("caf\u00e9", ((YamlScalarNode)YamlFile.Get(YamlFile.ParseMapping("f.yaml", bom), "a")!).Value);
    }

    [Fact]
    public void Load_MissingFile_SaysWhatWasMissing()
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "p.yaml");
        var error = Assert.Throws<UserInputException>(() => YamlFile.LoadMapping(path, "parameter file not found"));
        Assert.Equal($"{path}: parameter file not found", error.Message);
    }
}
