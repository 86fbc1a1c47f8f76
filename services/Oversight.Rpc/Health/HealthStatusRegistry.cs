using System.Collections.Concurrent;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Oversight.Rpc.Health;

/// <summary>Serving status per service name ("" = the server as a whole), with change notifications for Watch.</summary>
public sealed class HealthStatusRegistry
{
    private readonly ConcurrentDictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly List<(string Service, Action<ServingStatus> Listener)> _listeners = [];

    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        _statuses[service] = status;
        (string, Action<ServingStatus>)[] listeners;
        lock (_lock)
        {
            listeners = [.. _listeners.Where(l => l.Service == service)];
        }
        foreach (var (_, listener) in listeners)
        {
            listener(status);
        }
    }

    /// <summary>Marks every known service, and the server, NOT_SERVING (on shutdown).</summary>
    public void SetAllNotServing()
    {
        foreach (var service in _statuses.Keys.ToArray())
        {
            SetStatus(service, ServingStatus.NotServing);
        }
    }

    public bool TryGetStatus(string service, out ServingStatus status) => _statuses.TryGetValue(service, out status);

    internal IDisposable Subscribe(string service, Action<ServingStatus> listener)
    {
        var entry = (service, listener);
        lock (_lock)
        {
            _listeners.Add(entry);
        }
        return new Subscription(this, entry);
    }

    private sealed class Subscription(HealthStatusRegistry owner, (string, Action<ServingStatus>) entry) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._listeners.Remove(entry);
            }
        }
    }
}
