using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Compliance.Storage;

namespace Oversight.Compliance.Access;

/// <summary>
/// The embedded default works with no setup: on the first start (no keys at all) an administrator key for the
/// whole country is written to Access:AdminKeyFile, and whenever Access:ServiceKeyFile holds no valid key a
/// service key is written there for the services to call each other. Both files are owner-only.
/// </summary>
public sealed class AccessBootstrap(IOptions<AccessOptions> options, KeyStore store, KeyAuthority authority, ILogger<AccessBootstrap> logger) : IHostedService
{
    public const string AdminName = "local-admin";
    public const string ServiceName = "platform-services";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Open)
        {
            return;
        }
        if (!string.IsNullOrWhiteSpace(settings.AdminKeyFile) && !await store.AnyAsync(cancellationToken))
        {
            var (row, token) = await authority.CreateAsync(AdminName, Roles.ProvinceAdmin, "", null, AuditLog.Bootstrap, cancellationToken);
            KeyFiles.Write(settings.AdminKeyFile, token);
            ComplianceLog.KeyBootstrapped(logger, Roles.ProvinceAdmin, row.KeyId, settings.AdminKeyFile);
        }
        if (!string.IsNullOrWhiteSpace(settings.ServiceKeyFile) && !await IsValidAsync(KeyFiles.Read(settings.ServiceKeyFile), cancellationToken))
        {
            var (row, token) = await authority.CreateAsync(ServiceName, Roles.Service, "", null, AuditLog.Bootstrap, cancellationToken);
            KeyFiles.Write(settings.ServiceKeyFile, token);
            ComplianceLog.KeyBootstrapped(logger, Roles.Service, row.KeyId, settings.ServiceKeyFile);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> IsValidAsync(string? token, CancellationToken cancellationToken) =>
        token is not null && ApiKeys.TryParse(token, out var keyId, out var secret)
        && (await authority.VerifyAsync(keyId, secret, cancellationToken)).Caller is { Role: Roles.Service };
}
