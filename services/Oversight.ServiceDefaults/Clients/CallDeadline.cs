using Grpc.Core;

namespace Oversight.ServiceDefaults.Clients;

/// <summary>Call options with a deadline <paramref name="timeout"/> from now.</summary>
public static class CallDeadline
{
    // A gRPC deadline is an instant on the wall clock (the library compares it with the system's): never a fake clock's.
    public static CallOptions In(TimeSpan timeout, Metadata? headers = null, CancellationToken cancellationToken = default) =>
        new(headers, TimeProvider.System.GetUtcNow().UtcDateTime.Add(timeout), cancellationToken);
}
