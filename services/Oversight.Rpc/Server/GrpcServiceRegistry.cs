using Google.Protobuf.Reflection;

namespace Oversight.Rpc.Server;

/// <summary>The proto services this server maps, for reflection and for telling unknown services from unknown methods.</summary>
public sealed class GrpcServiceRegistry
{
    private readonly List<ServiceDescriptor> _services = [];
    private readonly Lock _lock = new();

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

    public void Add(ServiceDescriptor service)
    {
        lock (_lock)
        {
            if (_services.Any(s => s.FullName == service.FullName))
            {
                throw new InvalidOperationException($"Service {service.FullName} is mapped twice.");
            }
            _services.Add(service);
        }
    }

    public bool Contains(string serviceName)
    {
        lock (_lock)
        {
            return _services.Any(s => s.FullName == serviceName);
        }
    }
}
