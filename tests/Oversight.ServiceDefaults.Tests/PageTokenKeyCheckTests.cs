using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oversight.ServiceDefaults.Hosting;
using Oversight.ServiceDefaults.Paging;

namespace Oversight.ServiceDefaults.Tests;

public class PageTokenKeyCheckTests
{
    [Theory]
    [InlineData("0.0.0.0", "", true)]
    [InlineData("0.0.0.0", "a shared secret from the Secret", false)]
    [InlineData("127.0.0.1", "", false)]
    public async Task StartAsync_AddressAndKey_WarnsOnlyWhenReachableWithoutASharedKey(string address, string key, bool warned)
    {
        var logger = new ListLogger();
        var check = new PageTokenKeyCheck(Options.Create(new PagingOptions { TokenKey = key }), new GrpcEndpointOptions { Address = address }, logger);

        await check.StartAsync(CancellationToken.None);

        Assert.Equal(warned, logger.Lines.Any(l => l.Level == LogLevel.Warning && l.Message.Contains("Paging:TokenKey", StringComparison.Ordinal)));
    }

    private sealed class ListLogger : ILogger<PageTokenKeyCheck>
    {
        public List<(LogLevel Level, string Message)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
