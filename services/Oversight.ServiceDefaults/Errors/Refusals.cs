using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;

namespace Oversight.ServiceDefaults.Errors;

/// <summary>
/// A refusal answered before a call reaches its service (access control): to a gRPC caller as a trailers-only gRPC
/// response, to an HTTP/JSON caller (a transcoded route) as the HTTP status that fits with google.rpc.Status as JSON,
/// the same body the transcoded services answer their own refusals with.
/// </summary>
public static class Refusals
{
    /// <summary>The detail messages refusals carry, for the JSON writers of google.rpc.Status.</summary>
    public static TypeRegistry DetailTypes { get; } = TypeRegistry.FromMessages(ErrorInfo.Descriptor, BadRequest.Descriptor);

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithTypeRegistry(DetailTypes));

    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>True when the request came in on an HTTP/JSON route rather than as a gRPC call.</summary>
    public static bool IsJsonRoute(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null;

    /// <summary>Metadata key (ErrorInfo) of the seconds a rate-limited caller should wait; a JSON answer has it as Retry-After too.</summary>
    public const string RetryAfterSeconds = "retryAfterSeconds";

    public static Task WriteAsync(HttpContext http, RpcException refusal)
    {
        var response = http.Response;
        var reason = refusal.Trailers.GetValue(ServiceError.ReasonTrailer);
        if (IsJsonRoute(http))
        {
            response.StatusCode = HttpStatusOf(refusal.StatusCode);
            response.ContentType = "application/json; charset=utf-8";
            if (reason is not null)
            {
                response.Headers[ServiceError.ReasonTrailer] = reason;
            }
            var status = StatusOf(refusal);
            var retryAfter = status.Details.Where(d => d.Is(ErrorInfo.Descriptor)).Select(d
                => d.Unpack<ErrorInfo>().Metadata.GetValueOrDefault(RetryAfterSeconds))
                .FirstOrDefault(s => s is not null);
            if (retryAfter is not null)
            {
                response.Headers.RetryAfter = retryAfter;
            }
            return response.WriteAsync(Compact(Json.Format(status)));
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)refusal.StatusCode).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(refusal.Status.Detail);
        foreach (var entry in refusal.Trailers)
        {
            // Binary metadata (-bin) travels base64-encoded, as every gRPC implementation reads it.
            response.Headers[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
        }
        return Task.CompletedTask;
    }

    // Google.Protobuf writes "{ \"code\": 16, … }"; the transcoded services' answers are compact, with Chinese as is.
    private static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString(CompactOptions);

    /// <summary>The google.rpc.Status a refusal carries in grpc-status-details-bin, or one made of its code and message.</summary>
    public static Google.Rpc.Status StatusOf(RpcException refusal) =>
        refusal.Trailers.GetValueBytes(ServiceError.DetailsTrailer) is { } bytes
            ? Google.Rpc.Status.Parser.ParseFrom(bytes)
            : new Google.Rpc.Status { Code = (int)refusal.StatusCode, Message = refusal.Status.Detail };

    /// <summary>The HTTP status for a gRPC status, as google.api's HTTP mapping (and JSON transcoding) gives it.</summary>
    public static int HttpStatusOf(StatusCode code) => code switch
    {
        StatusCode.OK => StatusCodes.Status200OK,
        StatusCode.Cancelled => 499,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status500InternalServerError,
    };
}
