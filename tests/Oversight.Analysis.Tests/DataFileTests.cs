using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Outline;
using Oversight.Analysis.Rules;

namespace Oversight.Analysis.Tests;

/// <summary>
/// The facts that vary by report type or province load from the data files and cover every id the code names; a
/// file that leaves one out fails when it loads, not later as an empty name in a finding or a listing.
/// </summary>
public class DataFileTests
{
    [Fact]
    public void KindName_EveryKindOfEveryType_NamedByTheData()
    {
        foreach (var kind in ReportTypes.SectionKindIds)
        {
            Assert.NotEqual(kind, ComplianceChecker.KindName(kind));
        }
        Assert.Equal("存在的不足和原因", ComplianceChecker.KindName(SectionKinds.Shortfalls));
        Assert.Equal("存在的主要问题及改进情况", ComplianceChecker.KindName("disclosure_problems"));
        Assert.Equal("unknown_kind", ComplianceChecker.KindName("unknown_kind"));
    }

    // Both types have other_matters, each with its own wording: a finding names the section as its own type's data does.
    [Theory]
    [InlineData(ReportTypes.RuleOfLaw, "其他需要报告的情况", "其他需要报告的事项")]
    [InlineData(ReportTypes.InformationDisclosure, "其他需要报告的事项", "其他需要报告的情况")]
    public void Check_OtherMattersMissing_NamedByTheReportsOwnType(string type, string name, string otherTypesName)
    {
        var input = new CheckInput("140225", JurisdictionLevels.County, 2024, null, null, null, null, [], true, 0, ReportType: type);

        var missing = Assert.Single(ComplianceChecker.Check(input, RulePackYaml.Shipped),
            f => f.Code == RuleVocabulary.SectionMissing && f.SectionKind == SectionKinds.OtherMatters);

        Assert.Contains($"\"{name}\"", missing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(otherTypesName, missing.Message, StringComparison.Ordinal);
        Assert.Equal(name, ComplianceChecker.KindName(SectionKinds.OtherMatters, type));
    }

    [Fact]
    public void SectionKinds_EveryKindTheCodeNames_InTheRuleOfLawData()
    {
        string[] named = [SectionKinds.Measures, SectionKinds.Shortfalls, SectionKinds.FirstResponsible, SectionKinds.NextYearPlan,
            SectionKinds.OtherMatters, SectionKinds.Suggestions, SectionKinds.Highlights];

        var kinds = ReportTypeCatalog.Loaded.Find(ReportTypes.RuleOfLaw).Classifier.Catalog.Kinds.Select(k => k.Kind);

        Assert.Empty(named.Except(kinds));
    }

    [Fact]
    public void CheckNamed_KindWithoutName_Throws()
    {
        var kinds = new SectionKindCatalog
        {
            Kinds = [new SectionKindPatterns { Kind = "measures", Name = "主要举措和成效" }, new SectionKindPatterns { Kind = "shortfalls" }],
        };

        var ex = Assert.Throws<InvalidOperationException>(() => ReportTypeCatalog.CheckNamed(kinds, "section-kinds.yaml"));

        Assert.Contains("'shortfalls'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TaskAreaCatalog_Shipped_IndicatorWordingAndEveryAreaNamed()
    {
        var areas = TaskAreaCatalog.Default;

        Assert.Equal("任务领域:", areas.Indicator.NamePrefix);
        Assert.StartsWith("1 = ", areas.Indicator.Description, StringComparison.Ordinal);
        Assert.Equal(9, areas.Areas.Count);
        Assert.All(areas.Areas, a => Assert.NotEmpty(a.Name));
    }

    [Fact]
    public void TaskAreaCatalog_WithoutIndicatorWording_Throws()
    {
        var areas = new TaskAreaCatalog { Areas = [new TaskAreaDefinition { Id = "rules_system", Name = "健全依法行政制度体系" }] };

        Assert.Throws<InvalidOperationException>(() => TaskAreaCatalog.Checked(areas));
    }

    [Fact]
    public void TableFigureCatalog_Shipped_EveryRowDescribed()
    {
        var rows = TableFigureCatalog.Default.Rows;

        Assert.Equal(15, rows.Count);
        Assert.All(rows, r => Assert.StartsWith(ReportTypes.Name(TableFigureCatalog.Default.ReportType) + "统计表:", r.Description, StringComparison.Ordinal));
        Assert.Equal("政府信息公开工作年度报告统计表:「予以公开」一行的总计(最后一列)", rows.Single(r => r.Indicator == "disclosure.requests_disclosed").Description);
    }

    [Fact]
    public void TableFigureCatalog_RowWithoutDescription_Throws()
    {
        var tables = new TableFigureCatalog { Rows = [new TableRowDefinition { Indicator = "disclosure.reviews", Name = "政府信息公开行政复议" }] };

        var ex = Assert.Throws<InvalidOperationException>(() => TableFigureCatalog.Checked(tables));

        Assert.Contains("disclosure.reviews", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("140213", true)] // 平城区, a county
    [InlineData("140213050", true)] // 永泰街道, a township of it
    [InlineData("140271", false)] // 山西大同经济开发区: run by a management committee
    [InlineData("140271400", false)] // a township of that zone
    public void ReportingBodies_ShippedDivision_RegisteredAndWhetherItMustReport(string code, bool mustReport)
    {
        var division = ShippedDivisions.Registry.Find(code)!;

        Assert.True(ReportingBodies.Shipped.Registers(division));
        Assert.Equal(mustReport, ReportingBodies.Shipped.MustReport(division, ShippedDivisions.Registry));
        Assert.Equal("government", ReportingBodies.Shipped.Kind);
    }

    [Theory]
    [InlineData("140000")] // 山西省
    [InlineData("140200")] // 大同市
    public void ReportingBodies_ProvinceOrCity_NotRegistered(string code) =>
        Assert.False(ReportingBodies.Shipped.Registers(ShippedDivisions.Registry.Find(code)!));

    [Theory]
    [InlineData("county,nation", "government", "开发区")]
    [InlineData("", "government", "开发区")]
    [InlineData("county", "", "开发区")]
    [InlineData("county", "government", "开发区,")]
    public void ReportingBodies_BadData_Throws(string levels, string kind, string notGovernments)
    {
        var bodies = new ReportingBodies
        {
            Levels = [.. levels.Split(',', StringSplitOptions.RemoveEmptyEntries)], Kind = kind, NotGovernments = [.. notGovernments.Split(',')],
        };

        Assert.Throws<InvalidOperationException>(() => ReportingBodies.Checked(bodies));
    }
}
