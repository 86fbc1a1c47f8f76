using Microsoft.AspNetCore.Http;

namespace Oversight.Access;

/// <summary>The source address a call came from, as refusals, logs and the audit log name it.</summary>
public static class CallerAddress
{
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
