using Grpc.Core;

namespace Oversight.ServiceDefaults.Clients;

/// <summary>How this service proves itself when it calls another: call credentials (its key) and its TLS settings.</summary>
public interface IServiceIdentity
{
    CallCredentials? Credentials { get; }

    ClientTransport Transport { get; }
}
