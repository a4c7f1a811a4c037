using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Publish.Jira.Outbox;

namespace ProdStatus.Engine.Publish.Jira;

/// <summary>
/// Chooses where Jira writes go for this process: to Jira, or to the outbox folder when no credentials are configured
/// or <see cref="DryRun"/> is set (reads then still come from Jira when it is configured). Set the mode before first use.
/// </summary>
public sealed class JiraConnection(IServiceProvider services, IOptions<JiraOptions> options, IOptions<OutputOptions> output, TimeProvider time)
{
    private readonly Lock _gate = new();
    private IJiraApi? _api;

    /// <summary>Forces the outbox even with credentials (<c>--dry-run</c>).</summary>
    public bool DryRun { get; set; }

    /// <summary>Outbox folder for this process (e.g. <c>prodstat demo</c>); otherwise <c>ProdStatus:Jira:OutboxDir</c>.</summary>
    public string? OutboxDirOverride { get; set; }

    public bool UsesOutbox => DryRun || !options.Value.HasCredentials;

    public string OutboxDir => Path.GetFullPath(OutboxDirOverride ?? options.Value.ResolveOutboxDir(output.Value));

    public IJiraApi Api
    {
        get
        {
            if (!UsesOutbox)
            {
                return services.GetRequiredService<JiraClient>(); // typed clients are cheap; the factory manages handlers
            }
            lock (_gate)
            {
                return _api ??= CreateOutbox();
            }
        }
    }

    /// <summary>One outbox per process: it holds the copy that later steps of the run read.</summary>
    private OutboxJiraApi CreateOutbox()
    {
        IJiraApi? live = options.Value.HasCredentials ? services.GetRequiredService<JiraClient>() : null;
        return new OutboxJiraApi(OutboxDir, live, options.Value.MaxFieldLength, time);
    }
}
