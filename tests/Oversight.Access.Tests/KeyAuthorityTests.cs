using Oversight.Compliance.Access;
using Oversight.Compliance.Storage;
using Oversight.Storage.Migrations;
using Oversight.Testing;
using Oversight.Vocabulary;

namespace Oversight.Access.Tests;

/// <summary>Issuing and verifying against a real SQLite key store, on a clock the test moves.</summary>
public sealed class KeyAuthorityTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
    private readonly TempFolder _folder = TempFolder.Create("oversight-keys-");
    private KeyAuthority _authority = null!;
    private KeyStore _store = null!;
    private AuditStore _audit = null!;
    private static readonly Caller Admin = new("aaaaaaaaaaaaaaaa", "山西省司法厅", Roles.ProvinceAdmin, "14");

    public async Task InitializeAsync()
    {
        var database = SqliteTestDatabase.Create(_folder.Path, "compliance.db");
        await MigrationRunner.ApplyAsync(database, typeof(KeyStore).Assembly, CancellationToken.None);
        _store = new KeyStore(database);
        _audit = new AuditStore(database);
        _authority = new KeyAuthority(_store, new VerifiedCallerCache(TimeSpan.FromSeconds(30), _clock), new AuditLog(_audit, _clock), _clock);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task VerifyAsync_BeforeAndAfterExpiry_ValidThenExpired()
    {
        var (row, token) = await _authority.CreateAsync("临时", Roles.Sweeper, "14", _clock.Now.AddDays(1), Admin, CancellationToken.None);
        ApiKeys.TryParse(token, out var keyId, out var secret);

        var before = await _authority.VerifyAsync(keyId, secret, CancellationToken.None);
        _clock.Now = _clock.Now.AddDays(1);
        var after = await _authority.VerifyAsync(keyId, secret, CancellationToken.None);

        Assert.Equal(new Caller(row.KeyId, "临时", Roles.Sweeper, "14"), before.Caller);
        Assert.Equal(_clock.Now, before.ExpiresAt);
        Assert.Equal((null, Reasons.KeyExpired), (after.Caller, after.Refusal));
    }

    [Fact]
    public async Task VerifyAsync_WrongSecretOrUnknownId_Invalid_RevokedKey_Revoked()
    {
        var (row, token) = await _authority.CreateAsync("大同市", Roles.CityOffice, "1402", null, Admin, CancellationToken.None);
        ApiKeys.TryParse(token, out var keyId, out var secret);
        var other = ApiKeys.Create();
        ApiKeys.TryParse(other.Token, out var otherId, out var otherSecret);

        var wrongSecret = await _authority.VerifyAsync(keyId, otherSecret, CancellationToken.None);
        var unknown = await _authority.VerifyAsync(otherId, otherSecret, CancellationToken.None);
        await _authority.RevokeAsync(row, Admin, CancellationToken.None);
        var revoked = await _authority.VerifyAsync(keyId, secret, CancellationToken.None);

        Assert.Equal(Reasons.KeyInvalid, wrongSecret.Refusal);
        Assert.Equal(Reasons.KeyInvalid, unknown.Refusal);
        Assert.Equal(Reasons.KeyRevoked, revoked.Refusal);
    }

    [Fact]
    public async Task CreateAndRevoke_EachWithItsAuditEntry_RevokingAgainAddsNone()
    {
        var (row, _) = await _authority.CreateAsync("大同市", Roles.CityOffice, "1402", null, Admin, CancellationToken.None);

        var first = await _authority.RevokeAsync(row, Admin, CancellationToken.None);
        var second = await _authority.RevokeAsync(row, Admin, CancellationToken.None);
        var entries = await _audit.ListAsync("", "", 0, 10, CancellationToken.None);

        Assert.Equal((true, false), (first, second));
        Assert.Equal(["key.revoke", "key.create"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((row.KeyId, "1402", "山西省司法厅 (aaaaaaaaaaaaaaaa)"), (e.Target, e.Jurisdiction, e.Caller)));
    }

    [Fact]
    public async Task CreateAsync_Stored_NeverTheSecret()
    {
        var (row, token) = await _authority.CreateAsync("大同市", Roles.CityOffice, "1402", null, Admin, CancellationToken.None);
        ApiKeys.TryParse(token, out _, out var secret);

        var stored = await _store.GetAsync(row.KeyId, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.DoesNotContain(secret, string.Join("|", stored.KeyId, stored.Name, stored.Salt, stored.Hash, stored.CreatedBy), StringComparison.Ordinal);
        Assert.True(ApiKeys.Matches(secret, stored.Salt, stored.Hash));
    }
}
