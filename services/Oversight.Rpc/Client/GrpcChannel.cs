using System.Net;
using Google.Protobuf;

namespace Oversight.Rpc.Client;

/// <summary>
/// One pooled HTTP/2 connection set to one target. Thread-safe; create once per target and share.
/// Retries are deliberately not built in: callers compose Polly pipelines around calls.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly bool _disposeInvoker;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
        if (options.HttpHandler is not null)
        {
            Invoker = new HttpMessageInvoker(options.HttpHandler, options.DisposeHttpHandler);
            _disposeInvoker = true;
            return;
        }
        var handler = new SocketsHttpHandler
        {
            // Kestrel allows 100 concurrent streams per connection; more calls open more connections.
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        if (address.Scheme == Uri.UriSchemeHttps)
        {
            handler.SslOptions.ClientCertificates = options.ClientCertificates;
            handler.SslOptions.RemoteCertificateValidationCallback = options.ServerCertificateValidation;
        }
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
        _disposeInvoker = true;
    }

    public Uri Address { get; }

    public GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>"http://127.0.0.1:5001" (h2c, prior knowledge) or "https://host:443" (TLS, ALPN h2).</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) => ForAddress(new Uri(address), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address must be http:// or https://, not '{address}'.", nameof(address));
        }
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    public AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        call.StartWithMessage(request);
        return new AsyncUnaryCall<TResponse>(call.ReadUnaryResponseAsync(), call);
    }

    public AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        call.StartWithMessage(request);
        return new AsyncServerStreamingCall<TResponse>(call.ResponseStream, call);
    }

    public AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        var writer = call.StartStreaming();
        return new AsyncClientStreamingCall<TRequest, TResponse>(writer, call.ReadUnaryResponseAsync(), call);
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        var writer = call.StartStreaming();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(writer, call.ResponseStream, call);
    }

    public void Dispose()
    {
        if (_disposeInvoker)
        {
            Invoker.Dispose();
        }
    }
}
