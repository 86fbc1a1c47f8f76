using Grpc.Core;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Access.Tests;

/// <summary>Calls are limited per key: one caller over its rate is told so and when to retry; the others are served.</summary>
public sealed class CallerRateLimitTests : IAsyncLifetime
{
    private const int Burst = 5;
    private readonly AccessStack _stack = new(new Dictionary<string, string?>
    {
        ["Access:FailureLimit"] = "100000",
        // One a second after a burst of five: the sixth call within the same second is over.
        ["Access:CallsPerSecond"] = "1",
        ["Access:CallBurst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public Task InitializeAsync() => _stack.InitializeAsync();

    public Task DisposeAsync() => _stack.DisposeAsync();

    [Fact]
    public async Task Call_OverTheCallersRate_ResourceExhaustedWhileOtherKeysAreServed()
    {
        var busy = await _stack.CreateKeyAsync(Roles.CityOffice, "1402");
        var other = await _stack.CreateKeyAsync(Roles.CityOffice, "1402");

        var outcomes = new List<StatusCode>();
        for (var i = 0; i < Burst + 3; i++)
        {
            try
            {
                await _stack.Ingestion(busy).ListReportsAsync(new ListReportsRequest());
                outcomes.Add(StatusCode.OK);
            }
            catch (RpcException ex)
            {
                Assert.Equal("CALLER_RATE_LIMITED", ServiceError.ReasonOf(ex));
                Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ex.Status.Detail);
                outcomes.Add(ex.StatusCode);
            }
        }
        var otherServed = await _stack.Ingestion(other).ListReportsAsync(new ListReportsRequest());

        Assert.True(outcomes.Count(o => o == StatusCode.OK) is >= Burst and <= Burst + 1, string.Join(',', outcomes));
        Assert.Contains(StatusCode.ResourceExhausted, outcomes);
        Assert.NotNull(otherServed);
    }
}
