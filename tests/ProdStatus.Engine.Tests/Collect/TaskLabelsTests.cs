using ProdStatus.Engine.Collect.Panda;

namespace ProdStatus.Engine.Tests.Collect;

public sealed class TaskLabelsTests
{
    [Fact]
    public void Parse_2022Name_KeepsTheOriginalLabelWithRequestId()
    {
        var parsed = TaskLabels.Parse("2.2i_all_band_1_v23_0_0_rc5_PREOPS-973_20220127T205042Z_visit_detector_1_777_6721", "20220127T205042Z", 777);
        Assert.Equal("visit_detector_1_777", parsed.Label);
    }

    [Fact]
    public void Parse_CurrentChunkedNames_ShareOneLabel()
    {
        var a = TaskLabels.Parse("wf_PREOPS-905_20220121T031850Z_03_isr_01_701_6813", "20220121T031850Z", 701);
        var b = TaskLabels.Parse("wf_PREOPS-905_20220121T031850Z_03_isr_02_701_6814", "20220121T031850Z", 701);
        Assert.Equal("isr_701", a.Label);
        Assert.Equal(a.Label, b.Label);
        Assert.NotEqual(a.Identity, b.Identity);
    }

    [Fact]
    public void Parse_RetrySuffix_HasTheIdentityOfTheTaskItRetries()
    {
        var first = TaskLabels.Parse("wf_20220121T031850Z_05_compute_object_epochs_01_701_6815", "20220121T031850Z", 701);
        var retry = TaskLabels.Parse("wf_20220121T031850Z_05_compute_object_epochs_01_701_6815_1", "20220121T031850Z", 701);
        Assert.Equal("compute_object_epochs_701", retry.Label);
        Assert.Equal(first.Identity, retry.Identity);
    }

    [Fact]
    public void Parse_UnknownShape_FallsBackToTheOriginalRule()
    {
        Assert.Equal("weird_name", TaskLabels.Parse("wf_20220121T031850Z_weird_name_9", "20220121t031850z", null).Label);
    }
}

public sealed class BpsLabelTests
{
    [Theory]
    [InlineData("2.2i_all_band_1_v23_0_0_rc5_PREOPS-973_20220127T205042Z_visit_detector_1_777_6721", 777L, "visit_detector_1")]
    [InlineData("2.2i_all_band_1_v23_0_0_rc5_PREOPS-973_20220127T205042Z_pipetaskInit_777_6720", 777L, "pipetaskInit")]
    [InlineData("wf_PREOPS-905_20220127T205042Z_03_isr_01_777_6813", 777L, "isr")]
    [InlineData("wf_PREOPS-905_20220127T205042Z_04_visit_isr_02_777_6814", 777L, "visit_isr")]
    [InlineData("wf_PREOPS-905_20220127T205042Z_05_finalJob_01_777_6815_1", 777L, "finalJob")]
    public void BpsLabel_IsTheBareLabelWithoutRequestIdOrCounters(string taskName, long requestId, string expected) =>
        Assert.Equal(expected, TaskLabels.BpsLabel(taskName, "20220127T205042Z", requestId));
}
