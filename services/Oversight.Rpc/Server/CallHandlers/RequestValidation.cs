using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Oversight.Rpc.Server.CallHandlers;

/// <summary>Refuses what is not gRPC over HTTP/2 before any service code runs.</summary>
internal static class RequestValidation
{
    public static bool Validate(HttpContext http, ILogger logger)
    {
        if (!HttpProtocol.IsHttp2(http.Request.Protocol))
        {
            Refuse(http, logger, StatusCodes.Status426UpgradeRequired,
                $"gRPC 需要 HTTP/2,收到的是 {http.Request.Protocol} (gRPC requires HTTP/2)");
            return false;
        }
        var contentType = http.Request.ContentType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            var reason = contentType is not null && contentType.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase)
                ? $"不支持 gRPC-Web ('{contentType}'),请使用 HTTP/2 上的原生 gRPC,Content-Type 为 application/grpc (grpc-web is not supported)"
                : $"不支持 Content-Type '{contentType}',请使用 application/grpc 或 application/grpc+proto (unsupported content type)";
            Refuse(http, logger, StatusCodes.Status415UnsupportedMediaType, reason);
            return false;
        }
        return true;
    }

    // Plain HTTP clients (curl, a browser) read the body; gRPC clients read grpc-status.
    private static void Refuse(HttpContext http, ILogger logger, int httpStatus, string message)
    {
        ServerLog.RequestRefused(logger, http.Request.Path, message);
        http.Response.StatusCode = httpStatus;
        http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(message);
        http.Response.ContentType = "text/plain; charset=utf-8";
        // Buffered, not flushed: Kestrel sends it when the request delegate returns.
        System.Buffers.BuffersExtensions.Write(http.Response.BodyWriter, System.Text.Encoding.UTF8.GetBytes(message + "\n"));
    }
}
