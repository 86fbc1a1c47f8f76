using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.ServiceDefaults.Tests;

public class GuardTests
{
    private static readonly MessageDescriptor Get = GetReportRequest.Descriptor;

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Report_NoId_ReportIdMissing(string id) => AssertRefused(() => Report(id, 0), "REPORT_ID_MISSING", "report_id 为空", "reportId");

    [Fact]
    public void Report_NegativeRevision_RevisionInvalid() => AssertRefused(() => Report("r1", -1), "REVISION_INVALID", "revision -1 无效", "revision");

    [Fact]
    public void Defined_UnknownEnum_NamesTheChoices() => AssertRefused(
        () => Guard.Defined((ReportView)9, "VIEW_INVALID", Fields.Of(Get, GetReportRequest.ViewFieldNumber), "BASIC、FULL、CONTENT"),
        "VIEW_INVALID", "view 9 无效:可选 BASIC、FULL、CONTENT", "view");

    [Fact]
    public void Report_IdAndRevisionOrLatest_Passes()
    {
        Assert.Null(Record.Exception(() => Report("r1", 2)));
        Assert.Null(Record.Exception(() => Report("r1", 0)));
    }

    [Fact]
    public void Report_NumberTheRequestLacks_ThrowsForTheProgrammer() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Report<ListReportsRequest>("", 99, 0, 98));

    // The refusal names the field given by number, whatever the request calls it: here ListRevisionsRequest's report_id.
    [Fact]
    public void ReportId_FieldByNumber_RefusalNamesThatRequestsField() => AssertRefused(
        () => Guard.ReportId<ListRevisionsRequest>(" ", ListRevisionsRequest.ReportIdFieldNumber), "REPORT_ID_MISSING", "report_id 为空", "reportId");

    private static void Report(string id, int revision) =>
        Guard.Report<GetReportRequest>(id, GetReportRequest.ReportIdFieldNumber, revision, GetReportRequest.RevisionFieldNumber);

    [Fact]
    public void Filter_RuleGetsTheContractName_RefusalNamesTheJsonName()
    {
        var field = Fields.Of(ReportFilter.Descriptor, ReportFilter.JurisdictionPrefixFieldNumber);

        AssertRefused(() => Guard.Filter(field, (name, value) => $"{name} '{value}' 无效", "x"), "FILTER_INVALID", "jurisdiction_prefix 'x' 无效",
            "jurisdictionPrefix");
    }

    [Fact]
    public void Of_UnknownNumber_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => Fields.Of(Get, 99));

    [Fact]
    public void OfMessage_FieldNumber_TheFieldOfThatMessagesDescriptor()
    {
        var view = Fields.Of<GetReportRequest>(GetReportRequest.ViewFieldNumber);

        Assert.Same(Get.FindFieldByNumber(GetReportRequest.ViewFieldNumber), view);
        Assert.Equal(("view", "oversight.ingestion.v1.GetReportRequest"), (view.JsonName, view.ContainingType.FullName));
        Assert.Equal("jurisdictionPrefix", Fields.Of<ReportFilter>(ReportFilter.JurisdictionPrefixFieldNumber).JsonName);
    }

    [Fact]
    public void OfMessage_UnknownNumber_ThrowsNamingTheMessage()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Fields.Of<GetReportRequest>(99));

        Assert.Contains("GetReportRequest has no field 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToRpcException_NotFoundWithField_ErrorInfoOnlyNoBadRequest()
    {
        var ex = new ServiceError(StatusCode.NotFound, "REPORT_NOT_FOUND", "未找到报告", "reportId").ToRpcException();

        var status = Refusals.StatusOf(ex);
        var info = Assert.Single(status.Details).Unpack<ErrorInfo>();
        Assert.Equal(("REPORT_NOT_FOUND", ServiceError.Domain, "reportId"), (info.Reason, info.Domain, info.Metadata["field"]));
        Assert.Equal("REPORT_NOT_FOUND", ServiceError.ReasonOf(ex));
    }

    // The refusal keeps its x-oversight-reason trailer and message, and carries google.rpc.Status with the same code and
    // message, ErrorInfo with the reason, and (for INVALID_ARGUMENT on a field) a BadRequest field violation.
    private static void AssertRefused(Action guard, string reason, string message, string field)
    {
        var ex = Assert.Throws<RpcException>(guard);
        Assert.Equal((StatusCode.InvalidArgument, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains(message, ex.Status.Detail, StringComparison.Ordinal);
        Assert.EndsWith($"({reason})", ex.Status.Detail, StringComparison.Ordinal);
        var status = Google.Rpc.Status.Parser.ParseFrom(ex.Trailers.GetValueBytes(ServiceError.DetailsTrailer));
        Assert.Equal(((int)StatusCode.InvalidArgument, ex.Status.Detail), (status.Code, status.Message));
        var info = status.Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>();
        Assert.Equal((reason, ServiceError.Domain, field), (info.Reason, info.Domain, info.Metadata["field"]));
        var violation = Assert.Single(status.Details.Single(d => d.Is(BadRequest.Descriptor)).Unpack<BadRequest>().FieldViolations);
        Assert.Equal((field, reason), (violation.Field, violation.Reason));
        Assert.Contains(message, violation.Description, StringComparison.Ordinal);
    }
}
