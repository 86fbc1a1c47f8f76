using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Oversight.Cli.Commands;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Testing;

namespace Oversight.Cli.Tests;

/// <summary>
/// `oversight ingest` waits for each answer at most --timeout (15 minutes unless told): an ingestion server that takes a
/// submission and never answers (here a real grpc-dotnet server on 127.0.0.1 that waits until the call is cancelled) stops
/// the command with exit 2 and a message naming --timeout, and the server sees the call end. The wait runs on a fake clock.
/// </summary>
public sealed class IngestTimeoutTests
{
    [Fact]
    public async Task Ingest_ServerNeverAnswers_StopsAtTimeoutExitTwoAndTheServerSeesTheCallEnd()
    {
        var silent = new SilentIngestion();
        await using var server = await LoopbackGrpcServer.StartAsync(a => a.MapGrpcService<SilentIngestion>(),
            configureServices: s => s.AddSingleton(silent));
        var clock = new FakeTimeProvider();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var run = CliApplication.RunAsync(["ingest", "https://www.example.gov.cn/zwgk/r.html", "--ingestion", server.Address.ToString(),
            "--timeout", "00:15:00"], output, error, clock);
        Assert.Equal("https://www.example.gov.cn/zwgk/r.html", (await silent.Received.Task.WaitAsync(TimeSpan.FromSeconds(30))).Url);
        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.False(run.IsCompleted, error.ToString());
        clock.Advance(TimeSpan.FromMinutes(1));
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exit == CliContext.Failed, output.ToString() + error.ToString());
        Assert.Contains("--timeout", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("已收到答复的 0 份有效", error.ToString(), StringComparison.Ordinal);
        await silent.Ended.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("00:00:00")]
    public async Task Ingest_TimeoutNotPositive_ExitTwoBeforeAnyCall(string timeout)
    {
        using var error = new StringWriter();

        var exit = await CliApplication.RunAsync(["ingest", "https://www.example.gov.cn/zwgk/r.html", "--ingestion", "http://127.0.0.1:1",
            "--timeout", timeout], TextWriter.Null, error);

        Assert.Equal(CliContext.Failed, exit);
        Assert.Contains("--timeout", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Unavailable", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_Help_NamesTheTimeoutAndItsDefault()
    {
        using var output = new StringWriter();

        var exit = await CliApplication.RunAsync(["ingest", "--help"], output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Contains("--timeout", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(IngestCommand.DefaultTimeout.ToString(), output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Takes the stream's requests and never answers; says what it got and when the call ended.</summary>
    private sealed class SilentIngestion : IngestionService.IngestionServiceBase
    {
        public TaskCompletionSource<SubmitReportRequest> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task IngestReports(IAsyncStreamReader<SubmitReportRequest> requestStream, IServerStreamWriter<IngestResult> responseStream,
            ServerCallContext context)
        {
            try
            {
                await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
                {
                    Received.TrySetResult(request);
                }
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            finally
            {
                Ended.TrySetResult();
            }
        }
    }
}
