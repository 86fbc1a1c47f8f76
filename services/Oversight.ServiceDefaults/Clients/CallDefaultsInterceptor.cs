using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Oversight.ServiceDefaults.Clients;

/// <summary>
/// What every outgoing call gets unless the caller set it: a deadline (so no call waits forever on a peer that
/// hangs) and the caller's credentials (its API key as call credentials).
/// </summary>
public sealed class CallDefaultsInterceptor(CallDefaults defaults, TimeProvider? time = null) : Interceptor
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, With(context, defaults.UnaryDeadline));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, With(context, defaults.StreamDeadline));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(With(context, defaults.StreamDeadline));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(With(context, defaults.StreamDeadline));

    private ClientInterceptorContext<TRequest, TResponse> With<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, TimeSpan deadline)
        where TRequest : class
        where TResponse : class
    {
        var options = context.Options;
        if (options.Deadline is null)
        {
            options = options.WithDeadline(_time.GetUtcNow().UtcDateTime.Add(deadline));
        }
        if (options.Credentials is null && defaults.Credentials is { } credentials)
        {
            options = options.WithCredentials(credentials);
        }
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options);
    }
}

/// <summary>Deadlines for calls that set none, and credentials for calls that carry none.</summary>
public sealed record CallDefaults(TimeSpan UnaryDeadline, TimeSpan StreamDeadline, CallCredentials? Credentials = null)
{
    public static readonly TimeSpan DefaultUnaryDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Long enough for a bulk ingest, a sweep or an export; a stream that needs longer sets its own.</summary>
    public static readonly TimeSpan DefaultStreamDeadline = TimeSpan.FromMinutes(30);

    public static CallDefaults For(CallCredentials? credentials = null) => new(DefaultUnaryDeadline, DefaultStreamDeadline, credentials);
}
