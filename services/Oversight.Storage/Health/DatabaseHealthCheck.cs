using System.Reflection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oversight.Storage.Migrations;

namespace Oversight.Storage.Health;

/// <summary>
/// Healthy when the service's database answers and its schema is at the version this build's migrations bring it
/// to: a host whose migrations have not run yet (or failed) is not ready to serve.
/// </summary>
public sealed class DatabaseHealthCheck(Database database, Assembly migrations) : IHealthCheck
{
    private readonly int _expected = MigrationRunner.Discover(migrations, database.Dialect.Name) is { Count: > 0 } all ? all[^1].Version : 0;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.Connections.OpenAsync(cancellationToken);
            var version = await MigrationRunner.CurrentVersionAsync(connection, cancellationToken);
            return version == _expected
                ? HealthCheckResult.Healthy($"schema {version}")
                : HealthCheckResult.Unhealthy($"数据库结构版本为 {version},应为 {_expected}:迁移尚未完成");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("数据库不可达", ex);
        }
    }
}
