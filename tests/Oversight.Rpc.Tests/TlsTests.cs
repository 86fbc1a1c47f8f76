using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Oversight.Rpc.Client;
using Oversight.Rpc.Server;
using Oversight.Testing;
using Oversight.Testing.V1;

namespace Oversight.Rpc.Tests;

public class TlsTests
{
    [Fact]
    public async Task Unary_OverTlsWithConfiguredCertificate_NegotiatesHttp2AndWorks()
    {
        var directory = Directory.CreateTempSubdirectory("oversight-tls-");
        try
        {
            var (path, thumbprint) = CreateCertificate(directory.FullName);
            await using var server = await LoopbackGrpcServer.StartAsync(
                e => e.MapGrpcService<EchoService>(),
                endpoint: new GrpcEndpointOptions { Address = "127.0.0.1", Port = 0, CertificatePath = path, CertificatePassword = "test" });
            var address = new UriBuilder(server.Address) { Scheme = "https", Port = server.Address.Port }.Uri;
            using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
            {
                ServerCertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint,
            });

            var response = await new EchoClient(channel).EchoAsync(new EchoRequest { Message = "tls" });

            Assert.Equal("tls", response.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static (string Path, string Thumbprint) CreateCertificate(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(directory, "server.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "test"));
        return (path, certificate.GetCertHashString());
    }
}
