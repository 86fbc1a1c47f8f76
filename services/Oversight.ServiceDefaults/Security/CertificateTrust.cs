using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Oversight.ServiceDefaults.Security;

/// <summary>
/// Trust in a private certificate authority instead of the system's store: the services' own CA, which signs
/// the servers' certificates and the client certificates the services present to each other (mutual TLS).
/// </summary>
public static class CertificateTrust
{
    /// <summary>Every certificate of a PEM file (one authority or a bundle).</summary>
    public static X509Certificate2Collection LoadAuthorities(string pemPath)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(pemPath);
        return authorities.Count > 0 ? authorities : throw new InvalidOperationException($"{pemPath} holds no PEM certificate.");
    }

    /// <summary>The certificate chains to one of <paramref name="authorities"/> and is valid now (no revocation lists on a private CA).</summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>For clients: the server's certificate must come from the authority and name the host called.</summary>
    public static RemoteCertificateValidationCallback ServerValidation(X509Certificate2Collection authorities) =>
        (_, certificate, _, errors) =>
            certificate is not null
            && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
            && IsIssuedBy(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), authorities);

    /// <summary>A certificate with its private key, from PEM (certificate and key files) or PKCS#12.</summary>
    public static X509Certificate2 LoadWithKey(string path, string? keyPath, string? password)
    {
        if (path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase))
        {
            using var pem = X509Certificate2.CreateFromPemFile(path, keyPath);
            // Re-imported so the key is usable by SslStream on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, password);
    }
}
