namespace ProdStatus.Engine.Configuration;

/// <summary>The statistics store. Section <c>ProdStatus:Store</c>.</summary>
public sealed class StoreOptions
{
    public const string Section = "ProdStatus:Store";

    /// <summary><value>Default: <see cref="StoreProvider.Sqlite"/>.</value></summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>ADO.NET connection string. <value>Default for SQLite: <c>Data Source=&lt;DataDir&gt;/prodstat.db</c>.</value></summary>
    public string? ConnectionString { get; set; }
}

public enum StoreProvider
{
    Sqlite,
    Postgres,
}
