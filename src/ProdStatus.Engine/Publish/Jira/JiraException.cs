using System.Net;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Publish.Jira;

/// <summary>
/// Jira refused or failed a request. Carries Jira's own <c>errorMessages</c> and field <c>errors</c> so the user
/// sees what Jira said. Client errors (400, 401, 403, 404) are the user's to fix (exit 2); others are upstream (exit 3).
/// </summary>
public sealed class JiraException : ProdStatException
{
    public JiraException(string operation, HttpStatusCode? status, IReadOnlyList<string> messages, Exception? inner = null)
        : base(Format(operation, status, messages), inner)
    {
        Operation = operation;
        StatusCode = status;
        Messages = messages;
    }

    public string Operation { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>Jira's messages: <c>errorMessages[]</c> then <c>errors{field: message}</c> as <c>field: message</c>.</summary>
    public IReadOnlyList<string> Messages { get; }

    /// <summary>True when the request may have been carried out although no proper answer came back (timeout, reset,
    /// 5xx other than 503, which Jira uses to refuse work it did not start).</summary>
    public bool Ambiguous => StatusCode is null || (StatusCode >= HttpStatusCode.InternalServerError && StatusCode != HttpStatusCode.ServiceUnavailable);

    public override int ExitCode => StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
        or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.RequestEntityTooLarge
        ? ExitCodes.BadInput
        : ExitCodes.Upstream;

    private static string Format(string operation, HttpStatusCode? status, IReadOnlyList<string> messages)
    {
        string code = status is { } s ? $"HTTP {(int)s}" : "no answer";
        string detail = messages.Count > 0 ? ": " + string.Join("; ", messages) : "";
        return $"Jira: {operation}: {code}{detail}";
    }
}
