using Microsoft.Extensions.Options;
using Oversight.Rpc.Client;

namespace Oversight.Access;

/// <summary>
/// The key this service presents to the others (Access:ServiceKey, or the file Access:ServiceKeyFile, read
/// when first needed so the platform can start a service before compliance has written the file).
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

    /// <summary>Channel options for calling another service with this service's key.</summary>
    public GrpcChannelOptions ChannelOptions() => new() { Credentials = Credentials };
}
