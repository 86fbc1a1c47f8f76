using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using Oversight.Rpc.Server.CallHandlers;

namespace Oversight.Rpc.Server;

/// <summary>
/// The proto services this server maps and the call handler for each method path. Filled at startup,
/// read on every call (a frozen table: lookups take no lock).
/// </summary>
public sealed class GrpcServiceRegistry
{
    private readonly Lock _lock = new();
    private readonly List<ServiceDescriptor> _services = [];
    private readonly Dictionary<string, ServerCallHandler> _handlers = new(StringComparer.Ordinal);
    private FrozenDictionary<string, ServerCallHandler> _table = FrozenDictionary<string, ServerCallHandler>.Empty;
    private FrozenSet<string> _serviceNames = FrozenSet<string>.Empty;

    public IReadOnlyList<ServiceDescriptor> Services
    {
        get
        {
            lock (_lock)
            {
                return [.. _services];
            }
        }
    }

    public bool Contains(string serviceName) => _serviceNames.Contains(serviceName);

    internal bool DispatcherAdded { get; set; }

    internal bool TryGetHandler(string? path, out ServerCallHandler handler)
    {
        if (path is null)
        {
            handler = null!;
            return false;
        }
        return _table.TryGetValue(path, out handler!);
    }

    internal void Add(ServiceDescriptor service, IEnumerable<ServerCallHandler> handlers)
    {
        lock (_lock)
        {
            if (_services.Any(s => s.FullName == service.FullName))
            {
                throw new InvalidOperationException($"Service {service.FullName} is mapped twice.");
            }
            _services.Add(service);
            foreach (var handler in handlers)
            {
                _handlers.Add(handler.Path, handler);
            }
            _table = _handlers.ToFrozenDictionary(StringComparer.Ordinal);
            _serviceNames = _services.Select(s => s.FullName).ToFrozenSet(StringComparer.Ordinal);
        }
    }
}
