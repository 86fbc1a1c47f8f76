using Grpc.Core;

namespace Oversight.ServiceDefaults.Clients;

/// <summary>Call options with a deadline <paramref name="timeout"/> from now.</summary>
public static class CallDeadline
{
    public static CallOptions In(TimeSpan timeout, Metadata? headers = null, CancellationToken cancellationToken = default) =>
        new(headers, DateTime.UtcNow.Add(timeout), cancellationToken);
}
