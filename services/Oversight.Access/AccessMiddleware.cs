using System.Security.Cryptography.X509Certificates;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Access;

/// <summary>
/// Checks every gRPC call before its request body is read: the key (UNAUTHENTICATED when missing or bad; a client
/// certificate the endpoint accepted from the services' authority stands for a service key), then the role against
/// <see cref="AccessPolicy"/> (PERMISSION_DENIED). A refusal is a trailers-only gRPC response, or on an HTTP/JSON route
/// the HTTP status that fits with google.rpc.Status as JSON (<see cref="Refusals"/>); an accepted caller is left on the
/// call as a typed feature for the services' scope checks. Health and reflection pass without a key.
/// </summary>
public sealed class AccessMiddleware(
    RequestDelegate next,
    AccessPolicy policy,
    IOptions<AccessOptions> options,
    ICallerVerifier verifier,
    VerifiedCallerCache cache,
    FailedAuthLimiter limiter,
    CallerRateLimiter rates,
    ILogger<AccessMiddleware> logger)
{
    private const string BearerPrefix = "Bearer ";
    private readonly bool _open = options.Value.Open;

    // The cached path (a key verified before) completes synchronously: no hashing, no string cut from the header,
    // no state machine. The transport benchmark (`-- transport`) measures this path alone and against an unguarded echo.
    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not { } grpc || AccessPolicy.IsOpen(grpc.Method.FullName))
        {
            // Not a known gRPC method (grpc-dotnet answers UNIMPLEMENTED), or health and reflection.
            return next(http);
        }
        var method = grpc.Method.FullName;
        try
        {
            if (_open)
            {
                Authorize(http, method, Caller.Anonymous(AddressOf(http)));
                return next(http);
            }
            var header = http.Request.Headers.Authorization.ToString();
            if (header.Length > BearerPrefix.Length && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
                && cache.Find(header.AsSpan(BearerPrefix.Length).Trim()) is { } known)
            {
                Authorize(http, method, known);
                return next(http);
            }
            return AuthenticateAndCallAsync(http, method, header);
        }
        catch (RpcException refusal)
        {
            return Refusals.WriteAsync(http, refusal);
        }
    }

    private async Task AuthenticateAndCallAsync(HttpContext http, string method, string header)
    {
        try
        {
            var caller = await AuthenticateAsync(http, method, header);
            Authorize(http, method, caller);
        }
        catch (RpcException refusal)
        {
            await Refusals.WriteAsync(http, refusal);
            return;
        }
        await next(http);
    }

    private void Authorize(HttpContext http, string method, Caller caller)
    {
        if (!policy.Allows(method, caller.Role))
        {
            AccessLog.RoleDenied(logger, caller.Label, caller.Role, AddressOf(http), method);
            throw AccessErrors.RoleNotAllowed(method, caller.Role, policy.RolesFor(method));
        }
        // Per key; the services' own calls to each other, and open access (loopback development), are not limited.
        if (caller.KeyId.Length > 0 && caller.Role != Roles.Service && !rates.TryAcquire(caller.KeyId))
        {
            AccessLog.CallerRateLimited(logger, caller.Label, AddressOf(http), method);
            throw AccessErrors.CallerRateLimited(options.Value.CallsPerSecond);
        }
        http.Features.Set(caller);
    }

    private async Task<Caller> AuthenticateAsync(HttpContext http, string method, string header)
    {
        var address = AddressOf(http);
        if (string.IsNullOrWhiteSpace(header))
        {
            // Mutual TLS: the endpoint accepted this certificate in the handshake only because the services' authority issued it.
            if (http.Connection.ClientCertificate is { } certificate)
            {
                return new Caller("cert:" + certificate.Thumbprint[..16].ToLowerInvariant(),
                    certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), Roles.Service, "");
            }
            throw Fail(method, address, Reasons.KeyMissing, "(none)");
        }
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(method, address, Reasons.KeyMalformed, "(malformed)");
        }
        var token = header[BearerPrefix.Length..].Trim();
        if (!ApiKeys.TryParse(token, out var keyId, out var secret))
        {
            throw Fail(method, address, Reasons.KeyMalformed, "(malformed)");
        }
        if (limiter.Tokens.RefusedBefore(token) is { } refusedBefore)
        {
            // Refused before: refused again without a lookup, whoever sends it.
            throw Fail(method, address, refusedBefore, keyId);
        }
        if (limiter.KeyBlockedFor(keyId) is { } keyWait && !limiter.Tokens.WasVerified(token))
        {
            // Someone is guessing this key's secret; the holder's key, once seen here, still passes.
            AccessLog.KeyRateLimited(logger, method, address, keyId, Math.Ceiling(keyWait.TotalSeconds));
            throw AccessErrors.RateLimited(keyWait);
        }
        var addressWait = limiter.BlockedFor(address);
        var check = addressWait is null
            ? await verifier.VerifyAsync(keyId, secret, http.RequestAborted)
            : await limiter.Gate.RunAsync(address, () => verifier.VerifyAsync(keyId, secret, http.RequestAborted), http.RequestAborted);
        if (check.Caller is null)
        {
            limiter.Tokens.Refused(token, check.Refusal);
            var failure = Fail(method, address, check.Refusal, keyId);
            if (addressWait is { } wait)
            {
                AccessLog.RateLimited(logger, method, address, Math.Ceiling(wait.TotalSeconds));
                throw AccessErrors.RateLimited(wait);
            }
            throw failure;
        }
        limiter.Tokens.Verified(token);
        cache.Add(token, check.Caller, check.ExpiresAt);
        return check.Caller;
    }

    private RpcException Fail(string method, string address, string reason, string keyId)
    {
        limiter.RecordFailure(address, keyId.StartsWith('(') ? "" : keyId);
        AccessLog.AuthenticationFailed(logger, method, address, reason, keyId);
        return AccessErrors.Unauthenticated(reason);
    }

    private static string AddressOf(HttpContext http) => CallerAddress.Of(http);
}
