using Microsoft.Extensions.Options;
using ProdStatus.Engine.Collect.Butler;
using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Engine.Configuration;
using ProdStatus.Engine.Params;
using ProdStatus.Engine.Render.Fonts;
using ProdStatus.Engine.Render.Tables;

namespace ProdStatus.Engine.Jobs;

/// <summary>get-butler-stat end to end: collect, render the butlerStat table to all four formats, then write them atomically.</summary>
public sealed class ButlerStatJob(ButlerStatService service, TableOutputs outputs, FontLibrary fonts, IOptions<OutputOptions> output)
{
    public async Task<ButlerStatJobResult> RunAsync(ButlerStatParams parameters, bool cleanHistory, string? outDir,
        IProgress<CollectProgress>? progress, CancellationToken cancellationToken = default)
    {
        fonts.EnsureLoaded(); // a missing font should fail before a long scan, not after
        var result = await service.CollectAsync(parameters, cleanHistory, progress, cancellationToken);
        string directory = Path.GetFullPath(outDir ?? output.Value.ResolveDataDir());
        var files = await outputs.WriteAsync([result.Table], directory, parameters.Jira, cancellationToken);
        return new ButlerStatJobResult(result, directory, files);
    }
}

public sealed record ButlerStatJobResult(ButlerStatResult Stats, string Directory, IReadOnlyList<string> Files);
