using System.Globalization;
using System.Text;
using ProdStatus.Engine.Render.Tables;
using static ProdStatus.Engine.Render.Dashboard.DashboardHtml;

namespace ProdStatus.Engine.Render.Dashboard;

/// <summary>
/// The campaign page, rendered on the server from a <see cref="CampaignDashboard"/>: header with status counts and totals,
/// progress and running-quanta charts, failures and resources by task type, and the workflow table with every task
/// linked to the PanDA monitor. No script, no external resource.
/// </summary>
public sealed class DashboardPageRenderer(DashboardCharts charts)
{
    public string Render(CampaignDashboard d, DashboardPageOptions options) => Render(d, Sections(d), options);

    /// <summary>The page around <paramref name="sections"/> (<see cref="Sections"/> of the same <paramref name="d"/>, e.g. kept
    /// by <see cref="CampaignPages"/>): the header, the status section with the request's Refresh form, and the frame.</summary>
    public string Render(CampaignDashboard d, string sections, DashboardPageOptions options)
    {
        var main = new StringBuilder(sections.Length + 8192);
        Status(main, d, options);
        main.Append(sections);
        var meta = new StringBuilder();
        meta.Append("Last refresh from PanDA: <strong>").Append(Utc(d.LastRefreshUtc)).Append("</strong> · page generated ").Append(Utc(d.GeneratedUtc));
        if (d.Links.Jira is { } jira)
        {
            meta.Append(" · ").Append(Link(jira, $"{d.Jira} in Jira"));
        }
        if (d.Links.PandaTasks is { } panda)
        {
            meta.Append(" · ").Append(Link(panda, "PanDA monitor"));
        }
        if (options.ListUrl is { } list)
        {
            meta.Append(" · ").Append(Link(list, "all campaigns"));
        }
        return Page($"{d.Jira} campaign dashboard", $"Campaign {d.Jira}", meta.ToString(), main.ToString(), options);
    }

    /// <summary>Every section after the status: charts, failures, resources and workflows. They depend on the data only
    /// (not on the request or the time of the view), so they can be kept until the store changes. Charts already drawn
    /// for the same data are taken from <paramref name="charts"/> when given.</summary>
    public string Sections(CampaignDashboard d, ChartMemo? charts = null)
    {
        var sb = new StringBuilder(64 * 1024);
        Progress(sb, d, charts);
        Running(sb, d, charts);
        Failures(sb, d, charts);
        Resources(sb, d, charts);
        Workflows(sb, d);
        return sb.ToString();
    }

    private static void Status(StringBuilder sb, CampaignDashboard d, DashboardPageOptions options)
    {
        sb.Append("<section aria-labelledby=\"h-status\"><h2 id=\"h-status\">Status</h2>\n");
        if (options.Refresh is { } form)
        {
            sb.Append("<form class=\"refresh\" method=\"post\" action=\"").Append(Enc(form.Action)).Append("\">");
            foreach (var (name, value) in form.Fields)
            {
                sb.Append("<input type=\"hidden\" name=\"").Append(Enc(name)).Append("\" value=\"").Append(Enc(value)).Append("\">");
            }
            sb.Append("<button type=\"submit\">Refresh from PanDA</button></form>\n");
        }
        sb.Append("<ul class=\"counts\" aria-label=\"Workflows by status\">\n");
        foreach (var s in d.StatusCounts)
        {
            sb.Append("<li class=\"").Append(ToneClass(s.Tone)).Append("\"><span class=\"n\">").Append(Num(s.Workflows)).Append("</span>")
              .Append(Enc(s.Status)).Append("</li>\n");
        }
        sb.Append("</ul>\n<dl class=\"totals\">\n");
        foreach (var t in d.Totals)
        {
            sb.Append("<div><dt>").Append(Enc(t.Label)).Append("</dt><dd>").Append(Enc(t.Value)).Append("</dd></div>\n");
        }
        sb.Append("</dl>\n</section>\n");
    }

    private void Progress(StringBuilder sb, CampaignDashboard d, ChartMemo? memo)
    {
        sb.Append("<section aria-labelledby=\"h-progress\"><h2 id=\"h-progress\">Progress over time</h2>\n");
        if (d.Progress.Points.Count == 0)
        {
            sb.Append("<p>No job end times in the store yet (they are collected by prep-timing-data).</p>\n");
        }
        else
        {
            sb.Append(charts.Progress(d, "chart-progress", memo)).Append('\n');
        }
        sb.Append("<p class=\"eta\">Estimate: ").Append(Enc(d.Progress.EtaText)).Append("</p>\n</section>\n");
    }

    private void Running(StringBuilder sb, CampaignDashboard d, ChartMemo? memo)
    {
        sb.Append("<section aria-labelledby=\"h-running\"><h2 id=\"h-running\">Running quanta over time</h2>\n");
        sb.Append(d.Running.Curves.Count == 0
            ? "<p>No job start times in the store yet (they are collected by prep-timing-data).</p>\n"
            : charts.Running(d, "chart-running", memo) + "\n");
        sb.Append("</section>\n");
    }

    /// <summary>Failed jobs by task type, then their causes (get-panda-stat's pandaErrors table).</summary>
    private void Failures(StringBuilder sb, CampaignDashboard d, ChartMemo? memo)
    {
        sb.Append("<section aria-labelledby=\"h-failures\" id=\"failures\"><h2 id=\"h-failures\">Failures by task type</h2>\n");
        var failed = d.TaskTypes.Where(t => t.JobsFailed > 0).OrderByDescending(t => t.JobsFailed).ThenBy(t => t.Row, StringComparer.Ordinal).ToList();
        if (failed.Count == 0)
        {
            sb.Append("<p>No failed jobs.</p>\n");
        }
        else
        {
            FailedJobs(sb, d, failed, memo);
        }
        FailureCauses(sb, d);
        sb.Append("</section>\n");
    }

    private void FailedJobs(StringBuilder sb, CampaignDashboard d, List<DashboardTaskType> failed, ChartMemo? memo)
    {
        sb.Append(charts.Bars("chart-failures", $"Failed jobs by task type, {d.Jira}", "Failed jobs",
            [.. failed.Select(t => (t.Row, (double)t.JobsFailed))], memo)).Append('\n');
        sb.Append("<div class=\"scroll\"><table id=\"table-failures\"><caption>Failed jobs by task type</caption><thead><tr>")
          .Append("<th scope=\"col\">task type</th><th scope=\"col\">jobs failed</th><th scope=\"col\">retried</th></tr></thead>\n<tbody>\n");
        foreach (var t in failed)
        {
            sb.Append("<tr><th scope=\"row\">").Append(Enc(t.Row)).Append("</th><td class=\"num\">").Append(I(t.JobsFailed))
              .Append("</td><td class=\"num\">").Append(I(t.RetriedAttempts)).Append("</td></tr>\n");
        }
        sb.Append("</tbody></table></div>\n");
    }

    /// <summary>
    /// Failure causes by task type: the cells of get-panda-stat's pandaErrors table (so the page equals its CSV), with the
    /// tickets linked to Jira and the example job to its page on the PanDA monitor.
    /// </summary>
    private static void FailureCauses(StringBuilder sb, CampaignDashboard d)
    {
        sb.Append("<h3 id=\"h-failure-causes\">Failure causes</h3>\n");
        var table = d.FailureTable;
        if (table.Rows.Count == 0)
        {
            sb.Append("<p>No failed attempts classified. get-panda-stat classifies them when it reads every job of a task (maxtask: 0).</p>\n");
            return;
        }
        sb.Append("<div class=\"scroll\"><table id=\"table-failure-causes\" data-table=\"").Append(Enc(table.Name)).Append("\"><caption>")
          .Append(Enc(table.Title)).Append(" (failed attempts of each task type by classified cause, most first)</caption><thead><tr><th scope=\"col\">")
          .Append(Enc(table.IndexHeader)).Append("</th>");
        foreach (var column in table.Columns)
        {
            sb.Append("<th scope=\"col\">").Append(Enc(column.Header)).Append("</th>");
        }
        sb.Append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var failure = r < d.FailureCauses.Count ? d.FailureCauses[r] : null;
            sb.Append("<tr><th scope=\"row\">").Append(Enc(row.Name)).Append("</th>");
            for (int i = 0; i < row.Cells.Count; i++)
            {
                string header = i < table.Columns.Count ? table.Columns[i].Header : "";
                bool numeric = i < table.Columns.Count && table.Columns[i].Numeric;
                sb.Append(numeric ? "<td class=\"num\">" : header == "example message" ? "<td class=\"msg\">" : "<td>");
                if (failure is not null && header == "tickets" && failure.Tickets.Count > 0)
                {
                    sb.AppendJoin(' ', failure.Tickets.Select(t => Link(t.Url?.AbsoluteUri, t.Key)));
                }
                else if (failure is not null && header == "example pandaid")
                {
                    sb.Append(Link(failure.ExampleUrl, row.Cells[i]));
                }
                else
                {
                    sb.Append(Enc(row.Cells[i]));
                }
                sb.Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></div>\n");
    }

    /// <summary>The get-panda-stat task-type table and, where collected, the get-butler-stat table (cells as in their CSVs).</summary>
    private void Resources(StringBuilder sb, CampaignDashboard d, ChartMemo? memo)
    {
        sb.Append("<section aria-labelledby=\"h-resources\"><h2 id=\"h-resources\">Resources by task type</h2>\n");
        var byCpu = d.TaskTypes.Where(t => t.CpuHours > 0).OrderByDescending(t => t.CpuHours).ThenBy(t => t.Row, StringComparer.Ordinal)
            .Select(t => (t.Row, t.CpuHours)).ToList();
        if (byCpu.Count > 0)
        {
            sb.Append(charts.Bars("chart-cpu", $"CPU-hours by task type, {d.Jira}", "CPU-hours (PanDA)", byCpu, memo)).Append('\n');
        }
        Table(sb, "table-tasktypes", d.TaskTable, "PanDA: ");
        if (d.ButlerTable is { } butler)
        {
            Table(sb, "table-butler", butler, "Butler: ");
        }
        else
        {
            sb.Append("<p>No Butler statistics collected for this campaign (get-butler-stat).</p>\n");
        }
        sb.Append("</section>\n");
    }

    private static void Table(StringBuilder sb, string id, StatTable table, string source)
    {
        sb.Append("<div class=\"scroll\"><table id=\"").Append(id).Append("\" data-table=\"").Append(Enc(table.Name)).Append("\"><caption>")
          .Append(Enc(source + table.Title)).Append("</caption><thead><tr><th scope=\"col\">").Append(Enc(table.IndexHeader)).Append("</th>");
        foreach (var column in table.Columns)
        {
            sb.Append("<th scope=\"col\">").Append(Enc(column.Header)).Append("</th>");
        }
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            sb.Append(row.Style == RowStyle.Summary ? "<tr class=\"summary\">" : "<tr>").Append("<th scope=\"row\">").Append(Enc(row.Name)).Append("</th>");
            for (int i = 0; i < row.Cells.Count; i++)
            {
                bool numeric = i < table.Columns.Count && table.Columns[i].Numeric;
                sb.Append(numeric ? "<td class=\"num\">" : "<td>").Append(Enc(row.Cells[i])).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></div>\n");
    }

    private static void Workflows(StringBuilder sb, CampaignDashboard d)
    {
        sb.Append("<section aria-labelledby=\"h-workflows\"><h2 id=\"h-workflows\">Workflows</h2>\n");
        sb.Append("<div class=\"scroll\"><table id=\"table-workflows\"><caption>Workflows and their PanDA tasks</caption><thead><tr>")
          .Append("<th scope=\"col\">workflow</th><th scope=\"col\">status</th><th scope=\"col\">tasks</th><th scope=\"col\">finished</th>")
          .Append("<th scope=\"col\">failed</th><th scope=\"col\">subfinished</th><th scope=\"col\">files processed</th><th scope=\"col\">files</th>")
          .Append("<th scope=\"col\">created</th></tr></thead>\n<tbody>\n");
        foreach (var w in d.Workflows)
        {
            sb.Append("<tr><th scope=\"row\">").Append(Enc(w.Key)).Append("</th><td class=\"").Append(ToneClass(w.Tone)).Append("\">").Append(Enc(w.Status))
              .Append("</td><td class=\"num\">").Append(I(w.TotalTasks)).Append("</td><td class=\"num\">").Append(I(w.TasksFinished))
              .Append("</td><td class=\"num\">").Append(I(w.TasksFailed)).Append("</td><td class=\"num\">").Append(I(w.TasksSubfinished))
              .Append("</td><td class=\"num\">").Append(I(w.ProcessedFiles)).Append("</td><td class=\"num\">").Append(I(w.TotalFiles))
              .Append("</td><td>").Append(w.CreatedUtc is { } c ? Utc(c) : "").Append("</td></tr>\n");
        }
        sb.Append("</tbody></table></div>\n");
        foreach (var w in d.Workflows.Where(w => w.Tasks.Count > 0))
        {
            sb.Append("<details><summary>").Append(Enc(w.Key)).Append(": ").Append(I(w.Tasks.Count)).Append(" PanDA tasks</summary>\n")
              .Append("<div class=\"scroll\"><table class=\"tasks\"><thead><tr><th scope=\"col\">task</th><th scope=\"col\">task type</th>")
              .Append("<th scope=\"col\">status</th><th scope=\"col\">quanta</th><th scope=\"col\">jobs finished</th><th scope=\"col\">jobs failed</th>")
              .Append("</tr></thead>\n<tbody>\n");
            foreach (var t in w.Tasks)
            {
                sb.Append("<tr><th scope=\"row\">").Append(Link(t.MonitorUrl, I(t.JediTaskId))).Append("</th><td>").Append(Enc(t.Label))
                  .Append("</td><td class=\"").Append(ToneClass(t.Tone)).Append("\">").Append(Enc(t.Status)).Append("</td><td class=\"num\">")
                  .Append(I(t.Quanta)).Append("</td><td class=\"num\">").Append(I(t.JobsFinished)).Append("</td><td class=\"num\">")
                  .Append(I(t.JobsFailed)).Append("</td></tr>\n");
            }
            sb.Append("</tbody></table></div></details>\n");
        }
        sb.Append("</section>\n");
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
