using Oversight.ServiceDefaults.Security;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Oversight.Testing;

namespace Oversight.Access.Tests;

/// <summary>
/// The services on TLS endpoints, proving themselves to each other with client certificates of their own
/// authority instead of a service key: no service key exists anywhere in this stack.
/// </summary>
public sealed class MutualTlsTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private AccessStack _stack = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Access:FailureLimit"] = "100000",
            ["Access:ServiceKeyFile"] = "",
            ["Access:ClientCertificatePath"] = _certificates.ClientPfx,
            ["Access:ServerCertificateAuthorityPath"] = _certificates.AuthorityPem,
        };
        foreach (var section in new[] { "Ingestion", "Metrics", "Compliance" })
        {
            settings[$"{section}:Endpoint:CertificatePath"] = _certificates.ServerPfx;
            settings[$"{section}:Endpoint:ClientCertificateAuthorityPath"] = _certificates.AuthorityPem;
        }
        _stack = new AccessStack(settings, "https",
            new ClientTransport(ServerCertificateValidation: CertificateTrust.ServerValidation(_certificates.Authorities)));
        await _stack.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        _certificates.Dispose();
    }

    [Fact]
    public async Task Outbox_ServicesWithCertificatesOnly_ReportsAnalysedAndChecked()
    {
        // Ingestion verifies the administrator's key at compliance, and its outbox reaches metrics and compliance,
        // and both fetch the reports from ingestion: all with the client certificate.
        await _stack.SubmitSeedsAsync();

        Assert.False(File.Exists(Path.Combine(_stack.Data, "service.key")));
        Assert.Equal("https", _stack.Addresses["compliance"].Scheme);
    }

    [Fact]
    public async Task Call_ClientCertificateOfTheServicesAuthority_ServiceRole()
    {
        var key = await _stack.CreateKeyAsync(Roles.CityOffice, "1402");
        using var channel = ServiceChannel.For(_stack.Addresses["compliance"], transport: new ClientTransport(
            [_certificates.Client()], CertificateTrust.ServerValidation(_certificates.Authorities)));

        var verified = await new AccessService.AccessServiceClient(channel).VerifyKeyAsync(new VerifyKeyRequest { Key = key });
        var findings = await Assert.ThrowsAsync<RpcException>(async () =>
            await new ComplianceService.ComplianceServiceClient(channel).ListFindingsAsync(new ListFindingsRequest()));

        Assert.Equal((Roles.CityOffice, "1402"), (verified.Role, verified.Scope));
        Assert.Equal((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED"), (findings.StatusCode, ServiceError.ReasonOf(findings)));
        Assert.Contains("service", findings.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_CertificateOfAnotherAuthority_RefusedInTheHandshake()
    {
        using var channel = ServiceChannel.For(_stack.Addresses["compliance"], transport: new ClientTransport(
            [TestCertificates.Rogue()], CertificateTrust.ServerValidation(_certificates.Authorities)));

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new AccessService.AccessServiceClient(channel).VerifyKeyAsync(new VerifyKeyRequest { Key = "x" }, CallDeadline.In(TimeSpan.FromSeconds(10))));

        Assert.True(ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal, ex.ToString());
    }

    [Fact]
    public async Task Call_NoCertificateNoKey_Unauthenticated()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _stack.Compliance(null).ListFindingsAsync(new ListFindingsRequest()));

        Assert.Equal((StatusCode.Unauthenticated, "KEY_MISSING"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
    }
}
