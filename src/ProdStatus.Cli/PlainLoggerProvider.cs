using Microsoft.Extensions.Logging;

namespace ProdStatus.Cli;

/// <summary>One plain line per event on stderr (<c>warning: …</c>): operators read these, so no categories or ids.</summary>
internal sealed class PlainLoggerProvider(TextWriter writer) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new PlainLogger(this);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            writer.WriteLine(line);
        }
    }

    private sealed class PlainLogger(PlainLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string level = logLevel switch
            {
                LogLevel.Critical or LogLevel.Error => "error",
                LogLevel.Warning => "warning",
                LogLevel.Information => "info",
                _ => "debug",
            };
            provider.Write($"{level}: {formatter(state, exception)}");
        }
    }
}
