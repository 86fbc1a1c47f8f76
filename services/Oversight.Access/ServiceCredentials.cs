using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.ServiceDefaults.Clients;
using Oversight.ServiceDefaults.Security;

namespace Oversight.Access;

/// <summary>
/// How this service proves itself to the others: its key (Access:ServiceKey, or the file Access:ServiceKeyFile, read
/// when first needed so the platform can start a service before compliance has written the file), or its client
/// certificate (mutual TLS).
/// </summary>
public sealed class ServiceCredentials : IServiceIdentity
{
    private readonly AccessOptions _settings;
    private readonly Lock _gate = new();
    private readonly Lazy<ClientTransport> _transport;
    private string? _key;

    public ServiceCredentials(IOptions<AccessOptions> options)
    {
        _settings = options.Value;
        Credentials = BearerToken.Credentials(() => Key);
        _transport = new Lazy<ClientTransport>(CreateTransport);
    }

    /// <summary>Sends the key with every call; nothing when no key is configured (open access, or mutual TLS).</summary>
    public CallCredentials Credentials { get; }

    /// <summary>This service's client certificate and the servers' authority when configured (https addresses).</summary>
    public ClientTransport Transport => _transport.Value;

    public string? Key
    {
        get
        {
            if (_key is not null)
            {
                return _key;
            }
            if (!string.IsNullOrWhiteSpace(_settings.ServiceKey))
            {
                return _key = _settings.ServiceKey.Trim();
            }
            if (string.IsNullOrWhiteSpace(_settings.ServiceKeyFile))
            {
                return null;
            }
            lock (_gate)
            {
                return _key ??= KeyFiles.Read(_settings.ServiceKeyFile);
            }
        }
    }

    private ClientTransport CreateTransport() => _settings.CreateTransport(
        string.IsNullOrWhiteSpace(_settings.ClientCertificatePath)
            ? null
            : [CertificateTrust.LoadWithKey(_settings.ClientCertificatePath, _settings.ClientCertificateKeyPath, _settings.ClientCertificatePassword)]);
}
