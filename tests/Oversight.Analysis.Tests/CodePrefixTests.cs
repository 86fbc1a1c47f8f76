using Oversight.Vocabulary;

namespace Oversight.Analysis.Tests;

/// <summary>The one code-prefix rule every filter, scope and pack uses.</summary>
public class CodePrefixTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData("14", true)]
    [InlineData("1402", true)]
    [InlineData("140213050", true)]
    [InlineData("1402130501", false)]
    [InlineData("14%", false)]
    [InlineData("14_2", false)]
    [InlineData("１４", false)]
    public void IsValid_Prefix_UpToNineAsciiDigits(string prefix, bool valid) => Assert.Equal(valid, CodePrefix.IsValid(prefix));

    [Theory]
    [InlineData("", "140213", true)]
    [InlineData("1402", "140213", true)]
    [InlineData("1402", "1402", true)]
    [InlineData("1402", "14", false)]
    [InlineData("1402", "140313", false)]
    public void Covers_CodeOrPrefix_WhenItStartsWithThePrefix(string prefix, string code, bool covered) =>
        Assert.Equal(covered, CodePrefix.Covers(prefix, code));

    [Theory]
    [InlineData("1402", "14", "1402")]
    [InlineData("1402", "140213", "140213")]
    [InlineData("", "1402", "1402")]
    [InlineData("1402", "", "1402")]
    [InlineData("1402", "1403", null)]
    public void Intersect_TwoPrefixes_TheNarrowerOrNothing(string scope, string requested, string? expected) =>
        Assert.Equal(expected, CodePrefix.Intersect(scope, requested));
}
