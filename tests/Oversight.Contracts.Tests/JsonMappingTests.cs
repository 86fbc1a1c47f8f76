using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;

namespace Oversight.Contracts.Tests;

public class JsonMappingTests
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    private static JsonElement ToJson(IMessage message) => JsonDocument.Parse(Formatter.Format(message)).RootElement;

    [Fact]
    public void ReportMetadata_Json_UsesVocabularyFieldNames()
    {
        var metadata = new ReportMetadata
        {
            Title = "浑源县2025年法治政府建设年度报告",
            Issuer = "浑源县人民政府",
            JurisdictionCode = "140225",
            Level = "county",
            ReportYear = 2025,
            PublishedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 2, 10, 17, 8, 0, TimeSpan.FromHours(8))),
            DocumentDate = new Date { Year = 2026, Month = 1, Day = 16 },
            IndexNumber = "035200009/2026-00013",
            SourceUrl = "https://www.hunyuan.gov.cn/",
        };

        var json = ToJson(metadata);

        Assert.Equal("140225", json.GetProperty("jurisdictionCode").GetString());
        Assert.Equal("county", json.GetProperty("level").GetString());
        Assert.Equal(2025, json.GetProperty("reportYear").GetInt32());
        Assert.Equal("2026-02-10T09:08:00Z", json.GetProperty("publishedAt").GetString());
        Assert.Equal(16, json.GetProperty("documentDate").GetProperty("day").GetInt32());
        Assert.Equal("035200009/2026-00013", json.GetProperty("indexNumber").GetString());
        Assert.True(json.TryGetProperty("sourceUrl", out _));
        Assert.True(json.TryGetProperty("title", out _));
        Assert.True(json.TryGetProperty("issuer", out _));
    }

    [Fact]
    public void SectionAndFindingAndMetricValue_Json_CarryVocabularyIdentifiersVerbatim()
    {
        var section = ToJson(new Section { Kind = "first_responsible", Heading = "党政主要负责人履行推进法治建设第一责任人职责情况" });
        var finding = ToJson(new Finding { Code = "SECTION_MISSING", Severity = "error", SectionKind = "first_responsible" });
        var value = ToJson(new MetricValue { Indicator = "admin_reconsideration.received", Value = 47, Unit = "件", Qualifier = "exact" });

        Assert.Equal("first_responsible", section.GetProperty("kind").GetString());
        Assert.Equal("SECTION_MISSING", finding.GetProperty("code").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("admin_reconsideration.received", value.GetProperty("indicator").GetString());
        Assert.Equal(47, value.GetProperty("value").GetDouble());
        Assert.Equal("件", value.GetProperty("unit").GetString());
        Assert.Equal("exact", value.GetProperty("qualifier").GetString());
    }

    [Fact]
    public void SubmitReportRequest_JsonRoundTrip_PreservesEveryField()
    {
        var request = new SubmitReportRequest
        {
            Content = ByteString.CopyFromUtf8("一、主要措施和成效"),
            ContentType = "text/plain; charset=utf-8",
            Charset = "utf-8",
            SourceUrl = "https://example.gov.cn/a.html",
            JurisdictionCode = "140214102",
            PublishedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 31, 16, 14, 0, TimeSpan.FromHours(8))),
            Force = true,
            ClientReference = "004.txt",
            ReportYear = 2025,
        };

        var parsed = JsonParser.Default.Parse<SubmitReportRequest>(Formatter.Format(request));

        Assert.Equal(request, parsed);
    }
}
