using Grpc.Core;

namespace Oversight.Cli.Tests;

public class CliContextTests
{
    [Theory]
    [InlineData(StatusCode.Cancelled)]
    [InlineData(StatusCode.Unavailable)]
    public async Task RunAsync_CallEndsAfterOurCancel_CancelledNotFailed(StatusCode status)
    {
        using var error = new StringWriter();
        var context = new CliContext(new ServerOptions(), TextWriter.Null, error);
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        var exit = await context.RunAsync(() => throw new RpcException(new Status(status, "Error reading next message. IOException: The request was aborted.")),
            stop.Token);

        Assert.Equal(CliContext.Cancelled, exit);
        Assert.Contains("已取消", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnavailableWithoutCancel_FailedWithTheStatus()
    {
        using var error = new StringWriter();
        var context = new CliContext(new ServerOptions(), TextWriter.Null, error);

        var exit = await context.RunAsync(() => throw new RpcException(new Status(StatusCode.Unavailable, "connection refused")), CancellationToken.None);

        Assert.Equal(CliContext.Failed, exit);
        Assert.Contains("Unavailable: connection refused", error.ToString(), StringComparison.Ordinal);
    }
}
