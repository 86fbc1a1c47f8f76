using Grpc.Core;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.ServiceDefaults.Tests;

public class GuardTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Report_NoId_ReportIdMissing(string id) => AssertRefused(() => Guard.Report(id, 0), "REPORT_ID_MISSING", "report_id 为空");

    [Fact]
    public void Report_NegativeRevision_RevisionInvalid() => AssertRefused(() => Guard.Report("r1", -1), "REVISION_INVALID", "revision -1 无效");

    [Fact]
    public void Defined_UnknownEnum_NamesTheChoices() =>
        AssertRefused(() => Guard.Defined((ReportView)9, "VIEW_INVALID", "view", "BASIC、FULL、CONTENT"), "VIEW_INVALID", "view 9 无效:可选 BASIC、FULL、CONTENT");

    [Fact]
    public void Report_IdAndRevisionOrLatest_Passes()
    {
        Assert.Null(Record.Exception(() => Guard.Report("r1", 2)));
        Assert.Null(Record.Exception(() => Guard.Report("r1", 0)));
    }

    private static void AssertRefused(Action guard, string reason, string message)
    {
        var ex = Assert.Throws<RpcException>(guard);
        Assert.Equal((StatusCode.InvalidArgument, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains(message, ex.Status.Detail, StringComparison.Ordinal);
        Assert.EndsWith($"({reason})", ex.Status.Detail, StringComparison.Ordinal);
    }
}
