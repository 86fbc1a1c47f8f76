using Oversight.Contracts.Ingestion.V1;
using Oversight.Rpc.Client;

namespace Oversight.Rpc.Clients;

/// <summary>
/// How metrics and compliance get a report: from the ingestion service over gRPC, never from its database.
/// Ingestion's NOT_FOUND and UNAVAILABLE come back as the caller's own refusals with stable reasons.
/// </summary>
public sealed class ReportFetcher : IDisposable
{
    private readonly IngestionClient? _client;
    private readonly TimeSpan _timeout;
    private readonly string _setting;

    /// <param name="address">Ingestion's address; empty when not configured.</param>
    /// <param name="timeout">Deadline of each call.</param>
    /// <param name="setting">The configuration key of the address, named in the error when it is missing.</param>
    /// <param name="channelOptions">The calling service's credentials and the like.</param>
    public ReportFetcher(string? address, TimeSpan timeout, string setting, GrpcChannelOptions? channelOptions = null)
    {
        _timeout = timeout;
        _setting = setting;
        if (!string.IsNullOrWhiteSpace(address))
        {
            _client = new IngestionClient(GrpcChannel.ForAddress(address, channelOptions));
        }
    }

    public IngestionClient Client => _client ?? throw NotConfigured();

    /// <summary>The report with its original bytes (the CONTENT view: the callers read the bytes themselves).</summary>
    public async Task<Report> GetAsync(string reportId, int revision, CancellationToken cancellationToken)
    {
        try
        {
            var request = new GetReportRequest { ReportId = reportId, Revision = revision, View = ReportView.Content };
            return await Client.GetReportAsync(request, CallOptions.WithTimeout(_timeout, cancellationToken: cancellationToken));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound)
        {
            throw new ServiceError(StatusCode.NotFound, ServiceError.ReasonOf(ex) ?? "REPORT_NOT_FOUND", $"摄取服务中没有该报告:{ex.Status.Detail}", "reportId").ToRpcException();
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw Unavailable();
        }
    }

    public static RpcException Unavailable() =>
        new ServiceError(StatusCode.Unavailable, "INGESTION_UNAVAILABLE", "摄取服务暂时不可用,无法取得报告:请稍后重试").ToRpcException();

    private RpcException NotConfigured() =>
        new ServiceError(StatusCode.FailedPrecondition, "INGESTION_NOT_CONFIGURED", $"未配置摄取服务地址({_setting}),无法取得报告").ToRpcException();

    public void Dispose() => _client?.Channel.Dispose();
}
