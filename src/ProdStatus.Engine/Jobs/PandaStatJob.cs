using Microsoft.Extensions.Options;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Render.Fonts;
using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Jobs;

/// <summary>get-panda-stat end to end: collect, render the workflow, task-type and failure tables to all four formats, then write them atomically.</summary>
public sealed class PandaStatJob(PandaStatService service, TableOutputs outputs, FontLibrary fonts, IOptions<OutputOptions> output)
{
    public async Task<PandaStatJobResult> RunAsync(PandaStatParams parameters, bool cleanHistory, string? outDir,
        IProgress<CollectProgress>? progress, CancellationToken cancellationToken = default)
    {
        fonts.EnsureLoaded(); // a missing font should fail before hundreds of requests, not after
        var result = await service.CollectAsync(parameters, cleanHistory, progress, cancellationToken);
        string directory = Path.GetFullPath(outDir ?? output.Value.ResolveDataDir());
        var files = await outputs.WriteAsync([result.WorkflowTable, result.TaskTable], directory, parameters.Jira, cancellationToken,
            textOnly: [result.FailureTable]);
        return new PandaStatJobResult(result, directory, files);
    }
}

public sealed record PandaStatJobResult(PandaStatResult Stats, string Directory, IReadOnlyList<string> Files);
