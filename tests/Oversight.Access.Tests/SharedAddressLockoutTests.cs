using Grpc.Core;
using Microsoft.Extensions.Logging;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Access.Tests;

/// <summary>
/// Everyone on the platform calls from 127.0.0.1, as callers behind a gateway or NAT share one address. Bad keys
/// from that address must not lock out valid keys, the administrator's once its cache entry ended, or the
/// services' own calls to each other. Cache entries last a millisecond here, so every call is verified anew.
/// </summary>
public sealed class SharedAddressLockoutTests : IAsyncLifetime
{
    private const int Limit = 3;
    private readonly AccessStack _stack = new(new Dictionary<string, string?>
    {
        ["Access:FailureLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Access:CacheTime"] = "00:00:00.001",
    });

    public Task InitializeAsync() => _stack.InitializeAsync();

    public Task DisposeAsync() => _stack.DisposeAsync();

    [Fact]
    public async Task Call_AfterManyBadKeysFromTheSameAddress_ValidKeysAndServiceCallsStillServed()
    {
        var neverUsed = await _stack.CreateKeyAsync(Roles.CityOffice, "1402");
        for (var i = 0; i < 25; i++)
        {
            var bad = i % 5 == 0 ? null : ApiKeys.Create().Token;
            await Assert.ThrowsAsync<RpcException>(async () => await _stack.Ingestion(bad).ListReportsAsync(new ListReportsRequest()));
        }

        // Ingestion verifies each of these at compliance with its own service key, from 127.0.0.1 as well.
        var city = await _stack.Ingestion(neverUsed).ListReportsAsync(new ListReportsRequest());
        var admin = await _stack.Compliance(_stack.AdminKey).ListFindingsAsync(new ListFindingsRequest());
        var adminElsewhere = await _stack.Metrics(_stack.AdminKey).ListIndicatorsAsync(new Contracts.Metrics.V1.ListIndicatorsRequest());

        Assert.NotNull(city);
        Assert.NotNull(admin);
        Assert.NotEmpty(adminElsewhere.Indicators);
    }

    [Fact]
    public async Task Call_GuessingOneKeysSecret_RefusedUncheckedButTheHolderStillServed()
    {
        var holder = await _stack.CreateKeyAsync(Roles.CityOffice, "1402");
        await _stack.Compliance(holder).ListFindingsAsync(new ListFindingsRequest());
        Assert.True(ApiKeys.TryParse(holder, out var keyId, out _));
        var guesses = Enumerable.Range(0, Limit + 1).Select(_ => $"{ApiKeys.Prefix}{keyId}_{ApiKeys.Create().Token[^43..]}").ToList();

        var refusals = new List<RpcException>();
        foreach (var guess in guesses)
        {
            refusals.Add(await Assert.ThrowsAsync<RpcException>(async () => await _stack.Compliance(guess).ListFindingsAsync(new ListFindingsRequest())));
        }
        var stillServed = await _stack.Compliance(holder).ListFindingsAsync(new ListFindingsRequest());

        Assert.Equal("AUTH_RATE_LIMITED", ServiceError.ReasonOf(refusals[^1]));
        Assert.NotNull(stillServed);
        Assert.Contains(_stack.Logs.Entries, e =>
            e.Level == LogLevel.Warning && e.Message.Contains($"key id {keyId} has too many failures", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_SameBadKeyRepeated_RefusedWithItsReasonEveryTime()
    {
        var bad = ApiKeys.Create().Token;

        var first = await Assert.ThrowsAsync<RpcException>(async () => await _stack.Compliance(bad).ListFindingsAsync(new ListFindingsRequest()));
        var again = await Assert.ThrowsAsync<RpcException>(async () => await _stack.Compliance(bad).ListFindingsAsync(new ListFindingsRequest()));

        Assert.Equal(StatusCode.Unauthenticated, first.StatusCode);
        Assert.Equal(ServiceError.ReasonOf(first), ServiceError.ReasonOf(again));
    }
}
