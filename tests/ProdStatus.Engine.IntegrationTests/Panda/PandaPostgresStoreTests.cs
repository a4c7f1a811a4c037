using ProdStatus.Engine.Collect.Panda;
using ProdStatus.Samples;
using ProdStatus.Engine.IntegrationTests.Butler;
using ProdStatus.Engine.Params;
using ProdStatus.Testing;
using ProdStatus.Testing.Panda;

namespace ProdStatus.Engine.IntegrationTests.Panda;

/// <summary>get-panda-stat history in PostgreSQL: same figures as SQLite, and a refresh of a finished campaign costs one request.</summary>
public sealed class PandaPostgresStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CollectAsync_OnPostgres_MatchesSqlite_AndReusesFinalTasks()
    {
        var p = PandaStatParams.Read(ParamFile.Parse("p.yaml", new StringReader(SampleCampaign.ParamFile)));
        await using var monitor = new FakePandaMonitor(SampleCampaign.Create());
        await monitor.StartAsync(Ct);
        using var pg = new EngineTestHost(new Dictionary<string, string?>
        {
            ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString(),
            ["ProdStatus:Store:Provider"] = "Postgres",
            ["ProdStatus:Store:ConnectionString"] = await postgres.Cluster.CreateDatabaseAsync(Ct),
        });
        using var sqlite = new EngineTestHost(new Dictionary<string, string?> { ["ProdStatus:Panda:BaseUrl"] = monitor.BaseUri.ToString() });

        var onPostgres = await pg.Get<PandaStatService>().CollectAsync(p, false, null, Ct);
        var onSqlite = await sqlite.Get<PandaStatService>().CollectAsync(p, false, null, Ct);
        var again = await pg.Get<PandaStatService>().CollectAsync(p, false, null, Ct);

        Assert.Equal(onSqlite.TaskTable.Rows.Select(r => string.Join('|', r.Cells)), onPostgres.TaskTable.Rows.Select(r => string.Join('|', r.Cells)));
        Assert.Equal(onSqlite.WorkflowTable.Rows.Select(r => string.Join('|', r.Cells)), again.WorkflowTable.Rows.Select(r => string.Join('|', r.Cells)));
        Assert.Equal(1, again.Requests);
    }
}
