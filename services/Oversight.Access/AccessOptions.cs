using Oversight.ServiceDefaults.Clients;

namespace Oversight.Access;

/// <summary>
/// The "Access" configuration section, shared by the three services; the part every caller reads (the servers' authority,
/// cleartext off loopback) is <see cref="ClientTransportOptions"/>, which the web console reads too.
/// </summary>
public sealed class AccessOptions : ClientTransportOptions
{
    /// <summary>No keys: every caller may do everything. For loopback development and tests only; refused on other addresses.</summary>
    public bool Open { get; set; }

    /// <summary>Where keys are verified (the compliance service's address); empty in compliance itself.</summary>
    public string? Authority { get; set; }

    /// <summary>This service's own key (role service), sent when it calls the others.</summary>
    public string? ServiceKey { get; set; }

    /// <summary>A file holding the service key instead (owner-only permissions); read when first needed.</summary>
    public string? ServiceKeyFile { get; set; }

    /// <summary>
    /// Mutual TLS instead of a service key: this service's client certificate (PEM with <see cref="ClientCertificateKeyPath"/>,
    /// or PKCS#12), presented to the others, whose endpoints accept certificates of the services' authority
    /// ("&lt;Service&gt;:Endpoint:ClientCertificateAuthorityPath") as the service role.
    /// </summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificateKeyPath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary>Compliance only: when no key exists yet, an administrator key is created and written here.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>How long a verified key is trusted without asking again (and so how long a revoked key may still work elsewhere).</summary>
    public TimeSpan CacheTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failed authentications one address may make in <see cref="FailureWindow"/> before its unknown keys are refused unchecked.</summary>
    public int FailureLimit { get; set; } = 20;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Calls one caller (key) may make a second, sustained; 0 for no limit.</summary>
    public int CallsPerSecond { get; set; } = 200;

    /// <summary>Calls one caller may make at once before the per-second rate applies.</summary>
    public int CallBurst { get; set; } = 400;
}
