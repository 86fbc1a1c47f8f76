using Oversight.Contracts.Ingestion.V1;
using Oversight.Rpc.Client;

namespace Oversight.Rpc.Clients;

/// <summary>Typed client for ingestion; one method per RPC of the proto (checked by a test).</summary>
public sealed class IngestionClient(GrpcChannel channel)
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = IngestionReflection.Descriptor.Services[0];

    private static readonly Method<SubmitReportRequest, SubmitReportResponse> SubmitReportMethod = Method<SubmitReportRequest, SubmitReportResponse>.FromDescriptor(Service.FindMethodByName("SubmitReport"));
    private static readonly Method<SubmitReportRequest, IngestResult> IngestReportsMethod = Method<SubmitReportRequest, IngestResult>.FromDescriptor(Service.FindMethodByName("IngestReports"));
    private static readonly Method<GetReportRequest, Report> GetReportMethod = Method<GetReportRequest, Report>.FromDescriptor(Service.FindMethodByName("GetReport"));
    private static readonly Method<ListRevisionsRequest, ListRevisionsResponse> ListRevisionsMethod = Method<ListRevisionsRequest, ListRevisionsResponse>.FromDescriptor(Service.FindMethodByName("ListRevisions"));
    private static readonly Method<ListReportsRequest, ListReportsResponse> ListReportsMethod = Method<ListReportsRequest, ListReportsResponse>.FromDescriptor(Service.FindMethodByName("ListReports"));
    private static readonly Method<StreamReportsRequest, ReportSummary> StreamReportsMethod = Method<StreamReportsRequest, ReportSummary>.FromDescriptor(Service.FindMethodByName("StreamReports"));

    public GrpcChannel Channel => channel;

    public AsyncUnaryCall<SubmitReportResponse> SubmitReportAsync(SubmitReportRequest request, CallOptions options = default) => channel.AsyncUnaryCall(SubmitReportMethod, request, options);

    public AsyncDuplexStreamingCall<SubmitReportRequest, IngestResult> IngestReports(CallOptions options = default) => channel.AsyncDuplexStreamingCall(IngestReportsMethod, options);

    public AsyncUnaryCall<Report> GetReportAsync(GetReportRequest request, CallOptions options = default) => channel.AsyncUnaryCall(GetReportMethod, request, options);

    public AsyncUnaryCall<ListRevisionsResponse> ListRevisionsAsync(ListRevisionsRequest request, CallOptions options = default) => channel.AsyncUnaryCall(ListRevisionsMethod, request, options);

    public AsyncUnaryCall<ListReportsResponse> ListReportsAsync(ListReportsRequest request, CallOptions options = default) => channel.AsyncUnaryCall(ListReportsMethod, request, options);

    public AsyncServerStreamingCall<ReportSummary> StreamReports(StreamReportsRequest request, CallOptions options = default) => channel.AsyncServerStreamingCall(StreamReportsMethod, request, options);
}
