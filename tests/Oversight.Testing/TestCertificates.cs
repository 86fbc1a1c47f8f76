using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Oversight.Testing;

/// <summary>
/// A private authority for the services, with a server certificate for 127.0.0.1 and client certificates, written as files the
/// services load (the access suite's mutual TLS, the platform started with TLS).
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly TempFolder _folder;

    private TestCertificates(TempFolder folder) => _folder = folder;

    public string Folder => _folder.Path;

    /// <summary>Deletes the files; after the services that load them have stopped.</summary>
    public void Dispose() => _folder.Dispose();

    public string AuthorityPem => Path.Combine(Folder, "ca.pem");

    public string ServerPfx => Path.Combine(Folder, "server.pfx");

    public string ClientPfx => Path.Combine(Folder, "ingestion-client.pfx");

    public X509Certificate2Collection Authorities => Oversight.ServiceDefaults.Security.CertificateTrust.LoadAuthorities(AuthorityPem);

    public static TestCertificates Create()
    {
        var certificates = new TestCertificates(TempFolder.Create("oversight-mtls-"));
        using var authority = Authority("Oversight services CA");
        File.WriteAllText(certificates.AuthorityPem, authority.ExportCertificatePem());
        File.WriteAllBytes(certificates.ServerPfx, Issue(authority, "127.0.0.1", server: true).Export(X509ContentType.Pfx));
        File.WriteAllBytes(certificates.ClientPfx, Issue(authority, "ingestion", server: false).Export(X509ContentType.Pfx));
        return certificates;
    }

    /// <summary>A client certificate from an authority the services do not trust.</summary>
    public static X509Certificate2 Rogue()
    {
        using var authority = Authority("Someone else's CA");
        return X509CertificateLoader.LoadPkcs12(Issue(authority, "ingestion", server: false).Export(X509ContentType.Pfx), null);
    }

    public X509Certificate2 Client() => X509CertificateLoader.LoadPkcs12FromFile(ClientPfx, null);

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string name, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
