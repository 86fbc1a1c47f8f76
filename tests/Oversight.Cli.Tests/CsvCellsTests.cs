using Oversight.Cli.Commands;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Metrics.V1;
using Oversight.Mapping;

namespace Oversight.Cli.Tests;

/// <summary>Every CSV the command line writes: report text never arrives in a spreadsheet as a formula (OWASP CSV injection).</summary>
public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "' =1")]
    [InlineData("  =1", "'  =1")]
    [InlineData("\n@x", "' @x")]
    [InlineData("浑源县", "浑源县")]
    [InlineData("大同市,浑源县", "\"大同市,浑源县\"")]
    [InlineData("1+1=2", "1+1=2")]
    [InlineData("", "")]
    public void Text_FormulaStarts_OpenedByASingleQuote(string value, string cell) =>
        Assert.Equal(cell, CsvCells.Text(value));

    [Fact]
    public void Number_Negative_StaysANumber()
    {
        Assert.Equal("-3.5", CsvCells.Number(-3.5));
        Assert.Equal("-12", CsvCells.Number(-12L));
    }

    [Fact]
    public void Csv_FormulaInGroupLabelAndUnit_TextNeutralisedNegativeFiguresKept()
    {
        var response = new QueryAggregatesResponse();
        response.Rows.Add(new AggregateRow
        {
            GroupKey = "140225", GroupLabel = "=HYPERLINK(\"http://evil.example\",\"浑源县\")", Indicator = "legal_aid.cases", Unit = "@SUM(1)",
            Sum = -3, Min = -3, Max = -3, Mean = -3, ReportsStating = 1,
        });

        var line = MetricsCommand.Csv(response).Split('\n')[1];

        Assert.Equal("140225,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"浑源县\"\")\",legal_aid.cases,'@SUM(1),-3,-3,-3,-3,1,0", line);
    }

    [Fact]
    public void ExportLine_FormulasInEvidence_TextNeutralisedNegativeFiguresKept()
    {
        var value = new MetricValue
        {
            ReportId = "r1", Revision = 2, JurisdictionCode = "140225", ReportYear = 2025, Level = "county", Indicator = "legal_aid.cases",
            Value = -5, Unit = "件", Qualifier = "exact", UsedInAggregate = true, RawText = "@SUM(1)件",
            Evidence = new Evidence
            {
                SectionPath = "+一、主要举措", Span = new TextSpan { Start = 10, Length = 20 }, Excerpt = "-2+3=1\n=HYPERLINK(\"http://evil.example\")",
            },
        };

        var line = MetricsCommand.ExportLine(value);

        Assert.Equal("r1,2,140225,2025,county,legal_aid.cases,-5,,件,exact,true,\"'@SUM(1)件\",\"'+一、主要举措\",10,20," +
            "\"'-2+3=1 =HYPERLINK(\"\"http://evil.example\"\")\"", line);
    }
}
