namespace Oversight.Access.Tests;

public class ApiKeysTests
{
    [Fact]
    public void Create_Twice_DifferentKeysThatParseAndMatchOnlyTheirOwnHash()
    {
        var first = ApiKeys.Create();
        var second = ApiKeys.Create();

        Assert.True(ApiKeys.TryParse(first.Token, out var id, out var secret));
        Assert.Equal(first.KeyId, id);
        Assert.True(ApiKeys.Matches(secret, first.Salt, first.Hash));
        Assert.False(ApiKeys.Matches(secret, second.Salt, second.Hash));
        Assert.NotEqual(first.Token, second.Token);
        Assert.DoesNotContain(secret, first.Hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_SameSecretDifferentSalts_DifferentHashes()
    {
        var key = ApiKeys.Create();
        ApiKeys.TryParse(key.Token, out _, out var secret);
        var other = ApiKeys.Create();

        Assert.NotEqual(key.Hash, other.Hash);
        Assert.False(ApiKeys.Matches(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'), key.Salt, key.Hash));
        Assert.False(ApiKeys.Matches(secret, "not base64!", key.Hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer ovk_0123456789abcdef_abc")]
    [InlineData("ovk_0123456789ABCDEF_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("ovk_0123456789abcdefXaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("xyz_0123456789abcdef_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void TryParse_NotOneOfOurs_False(string token)
    {
        Assert.False(ApiKeys.TryParse(token, out _, out _));
    }
}
