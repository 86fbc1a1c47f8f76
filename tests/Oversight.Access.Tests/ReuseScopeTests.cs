using System.Text;
using Google.Protobuf;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Testing;

namespace Oversight.Access.Tests;

/// <summary>
/// A 大同市 (1402) key submits another province's page under a code of its own. Its own report is flagged as a copy,
/// but the other province's report gains no finding from it, and the city never reads that report's text through
/// its finding's evidence (the administrator, who covers both, does).
/// </summary>
public sealed class ReuseScopeTests : IAsyncLifetime
{
    private const string OtherBody = "TEXT_REUSED_FROM_OTHER_BODY";
    private readonly AccessStack _stack = new();

    public Task InitializeAsync() => _stack.InitializeAsync();

    public Task DisposeAsync() => _stack.DisposeAsync();

    [Fact]
    public async Task SubmitReport_CityCopiesAnotherProvincesPage_OnlyItsOwnReportFlaggedAndTheOtherTextWithheld()
    {
        var city = await _stack.CreateKeyAsync(Roles.CityOffice, "1402", "大同市报送系统");
        var original = await _stack.Ingestion(_stack.AdminKey)
            .SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFrom(SampleReports.Bytes(SampleReports.Pulan)) });
        await FindingsOfAsync(_stack.AdminKey, original.ReportId, _ => true);
        var copied = ReportEdits.ChangeFigures(SampleReports.Text(SampleReports.Pulan));
        var copy = await _stack.Ingestion(city).SubmitReportAsync(new SubmitReportRequest
        {
            Content = ByteString.CopyFrom(Encoding.UTF8.GetBytes(copied)), JurisdictionCode = "140225",
        });

        var cityView = (await FindingsOfAsync(city, copy.ReportId, f => f.Code == OtherBody)).Single(f => f.Code == OtherBody);
        var adminView = await _stack.Compliance(_stack.AdminKey).GetFindingAsync(new GetFindingRequest { FindingId = cityView.FindingId });
        var originalFindings = await _stack.Compliance(_stack.AdminKey).ListFindingsAsync(new ListFindingsRequest { ReportId = original.ReportId });

        Assert.DoesNotContain(originalFindings.Findings, f => f.Code == OtherBody);
        var theirs = cityView.Evidence.Where(e => e.ReportId == original.ReportId).ToList();
        Assert.NotEmpty(theirs);
        Assert.All(theirs, e => Assert.Contains("不在您的辖区范围内", e.Excerpt, StringComparison.Ordinal));
        Assert.All(adminView.Evidence.Where(e => e.ReportId == original.ReportId), e => Assert.DoesNotContain("辖区范围", e.Excerpt, StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<Finding>> FindingsOfAsync(string key, string reportId, Func<Finding, bool> wanted)
    {
        IReadOnlyList<Finding> found = [];
        await Eventually.UntilAsync(
            async () =>
            {
                found = (await _stack.Compliance(key).ListFindingsAsync(new ListFindingsRequest { ReportId = reportId })).Findings;
                return found.Any(wanted);
            },
            TimeSpan.FromSeconds(30),
            $"findings of {reportId}");
        return found;
    }
}
