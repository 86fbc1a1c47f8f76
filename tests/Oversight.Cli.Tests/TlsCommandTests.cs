using Oversight.Testing;

namespace Oversight.Cli.Tests;

/// <summary>The command line against services that serve TLS with certificates of a private authority.</summary>
public sealed class TlsCommandTests
{
    [Fact]
    public async Task ReportsList_PrivateAuthority_ListedWithCaFileRefusedWithoutOrWithAnUnreadableOne()
    {
        using var certificates = TestCertificates.Create();
        await using var platform = await RunningPlatform.StartAsync(true,
        [
            .. new[] { "Ingestion", "Metrics", "Compliance" }.Select(s => $"--{s}:Endpoint:CertificatePath={certificates.ServerPfx}"),
            $"--Access:ServerCertificateAuthorityPath={certificates.AuthorityPem}", "--Console:Enabled=false",
        ]);
        var empty = Path.Combine(certificates.Folder, "empty.pem");
        await File.WriteAllTextAsync(empty, "");

        var trusted = await platform.RunAsync("reports", "list", "--ca-file", certificates.AuthorityPem);
        var untrusted = await platform.RunAsync("reports", "list");
        var missing = await platform.RunAsync("reports", "list", "--ca-file", Path.Combine(certificates.Folder, "missing.pem"));
        var noCertificate = await platform.RunAsync("reports", "list", "--ca-file", empty);

        Assert.All(platform.Platform.Addresses.Values, a => Assert.Equal("https", a.Scheme));
        Assert.Equal((0, ""), (trusted.Exit, trusted.Error));
        Assert.Contains("140225", trusted.Output, StringComparison.Ordinal);
        Assert.Equal(CliContext.Failed, untrusted.Exit);
        Assert.Contains("SSL connection could not be established", untrusted.Error, StringComparison.Ordinal);
        Assert.Equal(CliContext.Failed, missing.Exit);
        Assert.Contains("无法读取 --ca-file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(CliContext.Failed, noCertificate.Exit);
        Assert.Contains("无法读取 --ca-file", noCertificate.Error, StringComparison.Ordinal);
    }
}
