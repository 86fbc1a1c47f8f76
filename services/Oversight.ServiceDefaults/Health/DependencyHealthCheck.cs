using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Oversight.ServiceDefaults.Health;

/// <summary>
/// Whether a service this host calls answers SERVING (its own health, within two seconds): reported under that
/// service's name on this host, so that "metrics, seen from here, cannot reach ingestion" is visible to probes and
/// operators while the host itself (and what does not need the dependency) stays SERVING.
/// </summary>
public sealed class DependencyHealthCheck(GrpcClientFactory clients, string clientName, Func<string?> address, TimeProvider time) : IHealthCheck
{
    public const string Tag = "dependency";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(address()))
        {
            return HealthCheckResult.Unhealthy("未配置依赖服务的地址");
        }
        try
        {
            var client = clients.CreateClient<Grpc.Health.V1.Health.HealthClient>(clientName);
            var response = await client.CheckAsync(new HealthCheckRequest(),
                new CallOptions(deadline: time.GetUtcNow().UtcDateTime.Add(Timeout), cancellationToken: cancellationToken));
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"依赖服务报告 {response.Status}");
        }
        catch (RpcException ex)
        {
            return HealthCheckResult.Unhealthy($"依赖服务不可达:{ex.StatusCode}");
        }
    }
}
