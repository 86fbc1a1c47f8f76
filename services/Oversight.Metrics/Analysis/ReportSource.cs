using Microsoft.Extensions.Options;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Rpc;
using Oversight.Rpc.Client;
using Oversight.Rpc.Clients;

namespace Oversight.Metrics.Analysis;

/// <summary>Fetches reports from the ingestion service over gRPC: metrics never reads ingestion's database.</summary>
public sealed class ReportSource : IDisposable
{
    private readonly IngestionClient? _client;
    private readonly TimeSpan _timeout;

    public ReportSource(IOptions<MetricsOptions> options)
    {
        var value = options.Value;
        _timeout = value.IngestionCallTimeout;
        if (!string.IsNullOrWhiteSpace(value.Ingestion))
        {
            _client = new IngestionClient(GrpcChannel.ForAddress(value.Ingestion));
        }
    }

    /// <summary>The full report (original bytes included); ingestion's NOT_FOUND and UNAVAILABLE pass through as ServiceErrors.</summary>
    public async Task<Report> GetAsync(string reportId, int revision, CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            throw new ServiceError(StatusCode.FailedPrecondition, "INGESTION_NOT_CONFIGURED",
                "指标服务未配置摄取服务地址(Metrics:Ingestion),无法取得报告原文").ToRpcException();
        }
        try
        {
            var request = new GetReportRequest { ReportId = reportId, Revision = revision, View = ReportView.Full };
            return await _client.GetReportAsync(request, CallOptions.WithTimeout(_timeout, cancellationToken: cancellationToken));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound)
        {
            throw new ServiceError(StatusCode.NotFound, ServiceError.ReasonOf(ex) ?? "REPORT_NOT_FOUND", $"摄取服务中没有该报告:{ex.Status.Detail}", "reportId").ToRpcException();
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw new ServiceError(StatusCode.Unavailable, "INGESTION_UNAVAILABLE", "摄取服务暂时不可用,无法取得报告原文:请稍后重试").ToRpcException();
        }
    }

    public void Dispose() => _client?.Channel.Dispose();
}
