using Oversight.Analysis.Metadata;
using Oversight.Testing;

namespace Oversight.Analysis.Tests;

public class ShippedDivisionsTests
{
    [Fact]
    public void Divisions_Shipped_EveryLevelWithSixOrNineDigitCodesAndKnownParents()
    {
        var divisions = ShippedDivisions.Divisions;
        var codes = divisions.Select(d => d.Code).ToHashSet();

        Assert.Equal(divisions.Count, codes.Count);
        Assert.Equal(["city", "county", "province", "township"], divisions.Select(d => d.Level).Distinct().Order());
        Assert.True(divisions.Count(d => d.Level == "county") > 2800);
        Assert.True(divisions.Count(d => d.Level == "township") > 40_000);
        Assert.All(divisions, d => Assert.True(JurisdictionLevels.IsWellFormedCode(d.Code), d.Code));
        Assert.All(divisions.Where(d => d.ParentCode is not null), d => Assert.Contains(d.ParentCode!, codes));
        Assert.True(File.Exists(RepositoryPaths.Combine("services", "Oversight.Analysis", "Data", "divisions.LICENSE.txt")));
    }

    [Theory]
    [InlineData(SampleReports.Hunyuan, "140225")]
    [InlineData(SampleReports.Pulan, "542521")]
    [InlineData(SampleReports.Yungang, "140214")]
    [InlineData(SampleReports.Fenxi, "141034")]
    [InlineData(SampleReports.YungangTown, "140214102")]
    public void Read_SeedAgainstTheShippedRegistry_ResolvesItsJurisdiction(string seed, string code)
    {
        var reading = new ReportReader(ShippedDivisions.Registry).Read(new ReportInput(SampleReports.Bytes(seed))).Reading!;

        Assert.Equal("resolved", reading.Metadata.JurisdictionResolution);
        Assert.Equal(code, reading.Metadata.JurisdictionCode);
    }
}
