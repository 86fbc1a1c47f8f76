using Microsoft.Extensions.Options;
using Oversight.Rpc;
using Oversight.Rpc.Client;

namespace Oversight.Access;

/// <summary>
/// How this service proves itself to the others: its key (Access:ServiceKey, or the file Access:ServiceKeyFile, read
/// when first needed so the platform can start a service before compliance has written the file), or its client
/// certificate (mutual TLS).
/// </summary>
public sealed class ServiceCredentials(IOptions<AccessOptions> options)
{
    private readonly Lock _gate = new();
    private string? _key;

    /// <summary>For channels to the other services; sends nothing when no key is configured (open access).</summary>
    public CallCredentials Credentials => CallCredentials.FromBearerToken(() => Key);

    public string? Key
    {
        get
        {
            if (_key is not null)
            {
                return _key;
            }
            var settings = options.Value;
            if (!string.IsNullOrWhiteSpace(settings.ServiceKey))
            {
                return _key = settings.ServiceKey.Trim();
            }
            if (string.IsNullOrWhiteSpace(settings.ServiceKeyFile))
            {
                return null;
            }
            lock (_gate)
            {
                return _key ??= KeyFiles.Read(settings.ServiceKeyFile);
            }
        }
    }

    /// <summary>Channel options for calling another service: this service's key, and its client certificate and the servers' authority when configured (https addresses).</summary>
    public GrpcChannelOptions ChannelOptions()
    {
        var settings = options.Value;
        var channel = new GrpcChannelOptions { Credentials = Credentials };
        if (!string.IsNullOrWhiteSpace(settings.ClientCertificatePath))
        {
            channel.ClientCertificates = [CertificateTrust.LoadWithKey(settings.ClientCertificatePath, settings.ClientCertificateKeyPath, settings.ClientCertificatePassword)];
        }
        if (!string.IsNullOrWhiteSpace(settings.ServerCertificateAuthorityPath))
        {
            channel.ServerCertificateValidation = CertificateTrust.ServerValidation(CertificateTrust.LoadAuthorities(settings.ServerCertificateAuthorityPath));
        }
        return channel;
    }
}
