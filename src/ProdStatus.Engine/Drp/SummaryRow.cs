namespace ProdStatus.Engine.Drp;

/// <summary>One workflow in the summary tables (the original DRP-54 JSON value
/// <c>[production, drp, [T,Q,D,Fa,Sf], pandalink, what+hilow]</c> under key <c>&lt;production&gt;#&lt;ts&gt;</c>).</summary>
public sealed record SummaryRow(string ProductionIssue, string DrpIssue, string Timestamp, StatusCounts Status, string PandaLink, string Description)
{
    public string Key => $"{ProductionIssue}#{Timestamp}";

    public static SummaryRow From(string productionIssue, string drpIssue, DrpIssueInfo info) =>
        new(productionIssue, drpIssue, info.Timestamp, info.Status, info.PandaLink, info.What + info.HiLow);
}
