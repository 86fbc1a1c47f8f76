using Microsoft.Extensions.DependencyInjection;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Tests;

/// <summary>
/// The one way a code prefix becomes a SQL LIKE pattern (every LIKE of compliance's stores): a % or _ of the caller's never
/// reaches the database as a wildcard, so "1_" cannot stand for every code starting with 1.
/// </summary>
public sealed class CodePrefixLikeTests
{
    [Theory]
    [InlineData("", "%")]
    [InlineData("14", "14%")]
    [InlineData("140225", "140225%")]
    public void LikePattern_Digits_PrefixAndOneTrailingWildcard(string prefix, string pattern) =>
        Assert.Equal(pattern, CodePrefix.LikePattern(prefix));

    [Theory]
    [InlineData("1_")]
    [InlineData("14%")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("14\\")]
    [InlineData("1402251010")]
    public void LikePattern_WildcardOrNotAPrefix_Refused(string prefix) =>
        Assert.Throws<ArgumentException>(() => CodePrefix.LikePattern(prefix));

    /// <summary>Through the store: the registry under "1_" is refused, not every body whose code starts with 1.</summary>
    [Fact]
    public async Task ListRegistry_StoreAskedWithWildcardPrefix_RefusedNotEveryBody()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var store = stack.Services.GetRequiredService<Storage.RegistryStore>();

        var shanxi = await store.ExpectedAsync("14", CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.ExpectedAsync("1_", CancellationToken.None));

        Assert.All(shanxi, b => Assert.StartsWith("14", b.Code, StringComparison.Ordinal));
    }
}
