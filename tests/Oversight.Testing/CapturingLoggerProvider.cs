using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Oversight.Testing;

/// <summary>Keeps every log line (with its exception) for tests that check what was, or was not, logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> _entries = new();
    private readonly ConcurrentQueue<(string Message, string? TraceId)> _traces = new();
    private IExternalScopeProvider? _scopes;

    /// <summary>Each line with the TraceId its scope carried (the logger factory's activity tracking), if any.</summary>
    public IReadOnlyCollection<(string Message, string? TraceId)> Traces => _traces;

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public IReadOnlyCollection<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            owner._entries.Enqueue((logLevel, category, message, exception));
            string? traceId = null;
            owner._scopes?.ForEachScope((scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "TraceId").Value is { } id)
                {
                    traceId = id.ToString();
                }
            }, (object?)null);
            owner._traces.Enqueue((message, traceId));
        }
    }
}
