namespace ProdStatus.Engine.Errors;

/// <summary>Base of the errors a user can act on: shown as one line, mapped to an exit code, never as a stack trace.</summary>
public abstract class ProdStatException : Exception
{
    protected ProdStatException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>The process exit code the CLI returns for this error.</summary>
    public abstract int ExitCode { get; }
}

/// <summary>Bad input: a parameter file, a configuration key, an argument. Names the file and field.</summary>
public sealed class UserInputException : ProdStatException
{
    public UserInputException(string message, Exception? inner = null) : base(message, inner) { }

    public override int ExitCode => ExitCodes.BadInput;

    /// <summary>Error about one field of one file: "<c>file: field: problem</c>".</summary>
    public static UserInputException ForField(string file, string field, string problem) =>
        new($"{file}: {field}: {problem}");
}

/// <summary>A remote service could not be reached or answered wrongly after all retries.</summary>
public sealed class UpstreamException : ProdStatException
{
    public UpstreamException(string service, string message, Exception? inner = null)
        : base($"{service}: {message}", inner) => Service = service;

    public string Service { get; }

    /// <summary>True when the service certainly did not take the request (it refused it): sending again cannot duplicate.</summary>
    public bool NotSent { get; init; }

    public override int ExitCode => ExitCodes.Upstream;
}
