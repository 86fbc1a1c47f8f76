namespace Oversight.Access.Tests;

public class CallerTests
{
    private static readonly Caller Datong = new("k", "大同市", Roles.CityOffice, "1402");
    private static readonly Caller National = new("n", "全国", Roles.ProvinceAdmin, "");

    [Theory]
    [InlineData("", "1402")]
    [InlineData("14", "1402")]
    [InlineData("1402", "1402")]
    [InlineData("140225", "140225")]
    [InlineData("1401", null)]
    [InlineData("5425", null)]
    public void Narrow_RequestedPrefix_LimitedToTheScope(string requested, string? expected) => Assert.Equal(expected, Datong.Narrow(requested));

    [Fact]
    public void Narrow_NationalScope_KeepsTheRequest()
    {
        Assert.Equal("", National.Narrow(""));
        Assert.Equal("5425", National.Narrow("5425"));
    }

    [Theory]
    [InlineData("140225", true)]
    [InlineData("140214001", true)]
    [InlineData("1402", true)]
    [InlineData("14", false)]
    [InlineData("", false)]
    [InlineData("542521", false)]
    public void Covers_CodeOrPrefix_OnlyInsideTheScope(string code, bool covered) => Assert.Equal(covered, Datong.Covers(code));

    [Theory]
    [InlineData("", true)]
    [InlineData("14", true)]
    [InlineData("140225", true)]
    [InlineData("1410", false)]
    public void Overlaps_PackScope_WhenEitherContainsTheOther(string scope, bool overlaps) => Assert.Equal(overlaps, Datong.Overlaps(scope));

    [Fact]
    public void Label_KeyedAndOpen_NameWithKeyIdOrNameAlone()
    {
        Assert.Equal("大同市 (k)", Datong.Label);
        Assert.Equal("open", Caller.Open.Label);
    }
}
