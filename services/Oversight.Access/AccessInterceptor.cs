using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oversight.Rpc;
using Oversight.Rpc.Client;
using Oversight.Rpc.Server;

namespace Oversight.Access;

/// <summary>
/// Checks every call before the service sees it: the key (UNAUTHENTICATED when missing or bad; a client certificate
/// the endpoint accepted from the services' authority stands for a service key), then the
/// role against <see cref="AccessPolicy"/> (PERMISSION_DENIED). The caller is left in the call's state for
/// the service's scope checks. Health and reflection pass without a key.
/// </summary>
public sealed class AccessInterceptor(
    AccessPolicy policy,
    IOptions<AccessOptions> options,
    ICallerVerifier verifier,
    VerifiedCallerCache cache,
    FailedAuthLimiter limiter,
    ILogger<AccessInterceptor> logger) : ServerInterceptor
{
    private const string BearerPrefix = "Bearer ";
    private readonly bool _open = options.Value.Open;

    // The cached path (a key verified before) completes synchronously: no hashing, no string cut from the header,
    // no state machine. The transport benchmark's unary rate is the budget (`-- auth` in the benchmarks).
    public override Task InterceptAsync(ServerCallContext context, Func<ServerCallContext, Task> next)
    {
        if (AccessPolicy.IsOpen(context.Method))
        {
            return next(context);
        }
        if (_open)
        {
            Authorize(context, Caller.Open, labelled: false);
            return next(context);
        }
        var header = AuthorizationOf(context);
        if (header.Length > BearerPrefix.Length && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            && cache.Find(header.AsSpan(BearerPrefix.Length).Trim()) is { } known)
        {
            Authorize(context, known, labelled: true);
            return next(context);
        }
        return AuthenticateAndCallAsync(context, header, next);
    }

    private async Task AuthenticateAndCallAsync(ServerCallContext context, string header, Func<ServerCallContext, Task> next)
    {
        var caller = await AuthenticateAsync(context, header).ConfigureAwait(false);
        Authorize(context, caller, labelled: true);
        await next(context).ConfigureAwait(false);
    }

    private void Authorize(ServerCallContext context, Caller caller, bool labelled)
    {
        if (!policy.Allows(context.Method, caller.Role))
        {
            AccessLog.RoleDenied(logger, caller.Label, caller.Role, context.Method);
            throw AccessErrors.RoleNotAllowed(context.Method, caller.Role, policy.RolesFor(context.Method));
        }
        CallerContext.Set(context, caller, labelled);
    }

    private async Task<Caller> AuthenticateAsync(ServerCallContext context, string header)
    {
        var address = AddressOf(context);
        if (string.IsNullOrWhiteSpace(header))
        {
            // Mutual TLS: the endpoint accepted this certificate in the handshake only because the services' authority issued it.
            if (context.GetHttpContext()?.Connection.ClientCertificate is { } certificate)
            {
                return new Caller("cert:" + certificate.Thumbprint[..16].ToLowerInvariant(), certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), Roles.Service, "");
            }
            throw Fail(context, address, "KEY_MISSING", "(none)");
        }
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(context, address, "KEY_MALFORMED", "(malformed)");
        }
        var token = header[BearerPrefix.Length..].Trim();
        if (limiter.BlockedFor(address) is { } wait)
        {
            AccessLog.RateLimited(logger, context.Method, address, Math.Ceiling(wait.TotalSeconds));
            throw AccessErrors.RateLimited(wait);
        }
        if (!ApiKeys.TryParse(token, out var keyId, out var secret))
        {
            throw Fail(context, address, "KEY_MALFORMED", "(malformed)");
        }
        var check = await verifier.VerifyAsync(keyId, secret, context.CancellationToken).ConfigureAwait(false);
        if (check.Caller is null)
        {
            throw Fail(context, address, check.Refusal, keyId);
        }
        cache.Add(token, check.Caller, check.ExpiresAt);
        return check.Caller;
    }

    // Straight from the HTTP request when there is one: building the call's whole Metadata costs more than the check.
    private static string AuthorizationOf(ServerCallContext context) =>
        context.GetHttpContext() is { } http
            ? http.Request.Headers.Authorization.ToString()
            : context.RequestHeaders.GetValue(CallCredentials.AuthorizationHeader) ?? "";

    private RpcException Fail(ServerCallContext context, string address, string reason, string keyId)
    {
        limiter.RecordFailure(address);
        AccessLog.AuthenticationFailed(logger, context.Method, address, reason, keyId);
        return AccessErrors.Unauthenticated(reason);
    }

    // The source address without its port: "ipv4:127.0.0.1:50712" → "127.0.0.1".
    private static string AddressOf(ServerCallContext context)
    {
        if (context.GetHttpContext()?.Connection.RemoteIpAddress is { } ip)
        {
            return ip.ToString();
        }
        var peer = context.Peer;
        var start = peer.IndexOf(':') + 1;
        var end = peer.LastIndexOf(':');
        return end > start ? peer[start..end] : peer;
    }
}
