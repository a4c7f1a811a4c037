namespace ProdStatus.Engine.Render.Slack;

/// <summary>Block Kit limits (Slack's Block Kit reference) and a checker that lists every violation of a message.</summary>
public static class SlackLimits
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxHeaderText = 150;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;
    public const int MaxTableRows = 100;
    public const int MaxTableCells = 20;
    public const int MaxText = 40_000;

    /// <summary>
    /// Characters the workflow list may use in total. Not a documented limit: Slack has been seen rejecting messages
    /// whose blocks hold ~13 k characters (<c>msg_blocks_too_long</c>, bolt-js #2509), so the list stays well below.
    /// </summary>
    public const int WorkflowListBudget = 6000;

    public static IReadOnlyList<string> Check(SlackMessage message)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(message.Text))
        {
            problems.Add("no top-level text fallback");
        }
        if (message.Text.Length > MaxText)
        {
            problems.Add($"text has {message.Text.Length} characters (max {MaxText})");
        }
        if (message.Blocks.Count > MaxBlocks)
        {
            problems.Add($"{message.Blocks.Count} blocks (max {MaxBlocks})");
        }
        int tables = 0;
        for (int i = 0; i < message.Blocks.Count; i++)
        {
            switch (message.Blocks[i])
            {
                case HeaderBlock h when h.Text.Text.Length > MaxHeaderText:
                    problems.Add($"block {i}: header has {h.Text.Text.Length} characters (max {MaxHeaderText})");
                    break;
                case SectionBlock s:
                    if (s.Text is { } t && t.Text.Length > MaxSectionText)
                    {
                        problems.Add($"block {i}: section text has {t.Text.Length} characters (max {MaxSectionText})");
                    }
                    if (s.Fields is { } f && (f.Count > MaxFields || f.Any(x => x.Text.Length > MaxFieldText)))
                    {
                        problems.Add($"block {i}: more than {MaxFields} fields or a field over {MaxFieldText} characters");
                    }
                    break;
                case TableBlock table:
                    tables++;
                    if (table.Rows.Count > MaxTableRows || table.Rows.Any(r => r.Count > MaxTableCells))
                    {
                        problems.Add($"block {i}: table over {MaxTableRows} rows or {MaxTableCells} cells per row");
                    }
                    break;
            }
        }
        if (tables > 1)
        {
            problems.Add($"{tables} table blocks (only one per message)");
        }
        return problems;
    }
}
