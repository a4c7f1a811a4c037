namespace ProdStatus.Engine.Errors;

/// <summary>Process exit codes shared by every command.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug): the message and the exception type are printed.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: parameter file, argument or configuration.</summary>
    public const int BadInput = 2;

    /// <summary>A remote service (PanDA, Jira, Butler database, S3) was unreachable or failed after retries.</summary>
    public const int Upstream = 3;

    /// <summary><c>watch-once</c> found alerts to post (the poll itself succeeded).</summary>
    public const int Alerts = 4;

    /// <summary>Cancelled by the user (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
