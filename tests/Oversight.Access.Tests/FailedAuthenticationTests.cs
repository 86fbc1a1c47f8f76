using Microsoft.Extensions.Logging;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Access.Tests;

/// <summary>Failed authentications are limited per address and logged without the key; keys appear in no log line and no error.</summary>
public sealed class FailedAuthenticationTests : IAsyncLifetime
{
    private const int Limit = 3;
    private readonly AccessStack _stack = new(new Dictionary<string, string?>
    {
        ["Access:FailureLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public Task InitializeAsync() => _stack.InitializeAsync();

    public Task DisposeAsync() => _stack.DisposeAsync();

    [Fact]
    public async Task Call_OverTheFailureLimit_ResourceExhaustedButVerifiedKeysStillWork()
    {
        var good = await _stack.CreateKeyAsync(Roles.CityOffice, "1402");
        await _stack.Ingestion(good).ListReportsAsync(new ListReportsRequest());
        var guesses = Enumerable.Range(0, Limit + 1).Select(_ => ApiKeys.Create().Token).ToList();

        var failures = new List<RpcException>();
        foreach (var guess in guesses)
        {
            failures.Add(await Assert.ThrowsAsync<RpcException>(async () => await _stack.Ingestion(guess).ListReportsAsync(new ListReportsRequest())));
        }
        var stillServed = await _stack.Ingestion(good).ListReportsAsync(new ListReportsRequest());

        Assert.All(failures.Take(Limit), f => Assert.Equal(StatusCode.Unauthenticated, f.StatusCode));
        Assert.Equal((StatusCode.ResourceExhausted, "AUTH_RATE_LIMITED"), (failures[^1].StatusCode, ServiceError.ReasonOf(failures[^1])));
        Assert.NotNull(stillServed);
        Assert.Contains(_stack.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("too many failures", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_AfterGoodAndBadKeysEverywhere_NeverHoldAKeyOrItsSecret()
    {
        var city = await _stack.CreateKeyAsync(Roles.CityOffice, "1402");
        var wrong = ApiKeys.Create().Token;
        var errors = new List<string>();
        foreach (var key in new[] { city, wrong, _stack.AdminKey })
        {
            foreach (var call in new Func<Task>[]
            {
                async () => await _stack.Ingestion(key).ListReportsAsync(new ListReportsRequest()),
                async () => await _stack.Compliance(key).ListFindingsAsync(new ListFindingsRequest()),
                async () => await _stack.Compliance(key).WaiveFindingAsync(new WaiveFindingRequest { FindingId = "f_missing", Reason = "测试" }),
                async () => await _stack.Metrics(key).ListIndicatorsAsync(new Contracts.Metrics.V1.ListIndicatorsRequest()),
            })
            {
                try
                {
                    await call();
                }
                catch (RpcException ex)
                {
                    errors.Add(ex.Status.Detail);
                }
            }
        }
        var serviceKey = await File.ReadAllTextAsync(Path.Combine(_stack.Data, "service.key"));
        string[] secrets = [city, wrong, _stack.AdminKey, serviceKey.Trim()];

        Assert.NotEmpty(errors);
        Assert.Contains(_stack.Logs.Entries, e => e.Message.Contains("Authentication failed", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            // The 43 characters after "ovk_<16-hex id>_" (the secret itself may contain '_').
            Assert.True(ApiKeys.TryParse(secret, out _, out var secretPart), secret);
            Assert.DoesNotContain(_stack.Logs.Entries, e => e.Message.Contains(secretPart, StringComparison.Ordinal)
                || (e.Exception?.ToString().Contains(secretPart, StringComparison.Ordinal) ?? false));
            Assert.DoesNotContain(errors, e => e.Contains(secretPart, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Ingestion_NoAuthorityAndNotOpen_RefusesToStart()
    {
        using var data = Oversight.Testing.TempFolder.Create("oversight-access-");
        var ex = await Assert.ThrowsAsync<Oversight.ServiceDefaults.Errors.StartupRefusedException>(() => Oversight.Testing.ServiceHosts.StartAsync(
            Oversight.Ingestion.Extensions.Section, b => Oversight.Ingestion.Extensions.AddIngestion(b), a => Oversight.Ingestion.Extensions.MapIngestion(a),
            data.Path, new Dictionary<string, string?> { ["Access:Open"] = "false" }));

        Assert.Contains("Access:Authority", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OpenOnANetworkAddress_RefusesToStart()
    {
        using var data = Oversight.Testing.TempFolder.Create("oversight-access-");
        var ex = await Assert.ThrowsAsync<Oversight.ServiceDefaults.Errors.StartupRefusedException>(() => Oversight.Testing.ServiceHosts.StartAsync(
            Oversight.Metrics.Extensions.Section, b => Oversight.Metrics.Extensions.AddMetrics(b), a => Oversight.Metrics.Extensions.MapMetrics(a),
            data.Path, new Dictionary<string, string?> { ["Access:Open"] = "true", ["Metrics:Endpoint:Address"] = "0.0.0.0" }));

        Assert.StartsWith("拒绝启动", ex.Message, StringComparison.Ordinal);
    }
}
