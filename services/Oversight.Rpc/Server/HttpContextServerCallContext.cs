using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Oversight.Rpc.Server;

/// <summary>One call on Kestrel: reads and writes its messages, enforces its deadline, ends it with a status.</summary>
internal sealed class HttpContextServerCallContext : ServerCallContext, IDisposable
{
    private readonly HttpContext _http;
    private readonly GrpcServerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private CancellationTokenSource? _deadlineCts;
    private CancellationTokenSource? _linkedCts;
    private SemaphoreSlim? _writeLock;
    private CancellationTokenRegistration _deadlineRegistration;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Dictionary<object, object?>? _userState;
    private string? _requestEncoding;
    private string? _responseEncoding;
    private bool _responseStarted;
    private bool _completed;
    private DateTime _deadline = DateTime.MaxValue;
    private CancellationToken _cancellationToken;

    public HttpContextServerCallContext(HttpContext http, string method, GrpcServerOptions options, ILogger logger, TimeProvider timeProvider)
    {
        _http = http;
        Method = method;
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        ResponseCompression = options.ResponseCompressionAlgorithm;
        _cancellationToken = http.RequestAborted;
    }

    public HttpContext HttpContext => _http;

    public override string Method { get; }

    public override string Peer => FormatPeer(_http.Connection.RemoteIpAddress, _http.Connection.RemotePort);

    public override DateTime Deadline => _deadline;

    public override Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders(_http.Request.Headers);

    public override Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    public override CancellationToken CancellationToken => _cancellationToken;

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override string? ResponseCompression { get; set; }

    public override IDictionary<object, object?> UserState => _userState ??= [];

    public override HttpContext GetHttpContext() => _http;

    /// <summary>Reads transport headers; throws RpcException for what the call cannot proceed with.</summary>
    public void Initialize()
    {
        var headers = _http.Request.Headers;
        _http.Response.ContentType = GrpcProtocol.ContentType;
        _http.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = MessageCompression.AcceptEncoding;

        var bodySize = _http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false })
        {
            // Message size is enforced per message; Kestrel's 30 MB per request would cut long streams.
            bodySize.MaxRequestBodySize = null;
        }

        var encoding = headers[GrpcProtocol.EncodingHeader].ToString();
        if (!MessageCompression.IsSupported(encoding))
        {
            throw new RpcException(StatusCode.Unimplemented, $"不支持的消息编码 '{encoding}',可用: {MessageCompression.AcceptEncoding} (unsupported grpc-encoding)");
        }
        _requestEncoding = encoding.Length == 0 ? null : encoding;

        var timeoutHeader = headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcProtocol.TryParseTimeout(timeoutHeader, out var timeout))
            {
                throw new RpcException(StatusCode.Internal, $"grpc-timeout 头格式无效: '{timeoutHeader}' (malformed grpc-timeout)");
            }
            StartDeadline(timeout);
        }
    }

    /// <summary>Turns off Kestrel's minimum request data rate, which would abort a pausing client stream.</summary>
    public void AllowLongRequestStream()
    {
        var rate = _http.Features.Get<IHttpMinRequestBodyDataRateFeature>();
        if (rate is not null)
        {
            rate.MinDataRate = null;
        }
    }

    public ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T> =>
        MessageFraming.ReadAsync(_http.Request.BodyReader, parser, _requestEncoding, _options.MaxReceiveMessageSize, cancellationToken);

    /// <summary>Reads the one message of a unary or server-streaming request.</summary>
    public async Task<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        return await MessageFraming.ReadSingleAsync(_http.Request.BodyReader, parser, _requestEncoding, _options.MaxReceiveMessageSize, CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "请求中没有消息 (request did not include a message)");
    }

    public async Task WriteMessageAsync(IMessage message, bool flush, CancellationToken cancellationToken)
    {
        using var gate = await EnterWriteAsync().ConfigureAwait(false);
        if (_completed)
        {
            throw new RpcException(Status.StatusCode == StatusCode.OK ? new Status(StatusCode.Cancelled, "调用已结束 (call already completed)") : Status);
        }
        if (!_responseStarted)
        {
            StartResponse(chooseEncoding: true);
        }
        MessageFraming.Write(_http.Response.BodyWriter, message, _responseEncoding, _options.ResponseCompressionLevel, _options.MaxSendMessageSize);
        if (flush)
        {
            await _http.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        using var gate = await EnterWriteAsync().ConfigureAwait(false);
        if (_responseStarted || _completed)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call, before any message.");
        }
        StartResponse(chooseEncoding: false);
        foreach (var entry in responseHeaders)
        {
            AppendMetadata(_http.Response.Headers, entry);
        }
        await _http.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends a call whose method returned normally.</summary>
    public async Task EndCallAsync()
    {
        using var gate = await EnterWriteAsync().ConfigureAwait(false);
        if (!_completed)
        {
            _completed = true;
            WriteStatus(Status);
        }
    }

    /// <summary>Ends a call whose method (or the transport) threw.</summary>
    public async Task ProcessHandlerErrorAsync(Exception exception)
    {
        Status status;
        if (_deadlineCts is { IsCancellationRequested: true })
        {
            status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        else if (exception is RpcException rpc)
        {
            status = rpc.Status;
            foreach (var entry in rpc.Trailers)
            {
                ResponseTrailers.Add(entry);
            }
        }
        else if (_http.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream or went away; nobody is left to read a status.
            ServerLog.CallCancelled(_logger, Method);
            return;
        }
        else
        {
            ServerLog.UnhandledException(_logger, Method, exception);
            var detail = _options.EnableDetailedErrors
                ? $"服务器内部错误: {exception.GetType().Name}: {exception.Message}"
                : "服务器内部错误 (Exception was thrown by handler.)";
            status = new Status(StatusCode.Internal, detail);
        }

        using var gate = await EnterWriteAsync().ConfigureAwait(false);
        if (!_completed)
        {
            _completed = true;
            Status = status;
            WriteStatus(status);
        }
    }

    public void Dispose()
    {
        _deadlineRegistration.Dispose();
        _linkedCts?.Dispose();
        _deadlineCts?.Dispose();
    }

    private void StartDeadline(TimeSpan timeout)
    {
        _deadline = _timeProvider.GetUtcNow().UtcDateTime.Add(timeout);
        _writeLock = new SemaphoreSlim(1, 1);
        _deadlineCts = new CancellationTokenSource(timeout, _timeProvider);
        _linkedCts = CancellationTokenSource.CreateLinkedTokenSource(_http.RequestAborted, _deadlineCts.Token);
        _cancellationToken = _linkedCts.Token;
        _deadlineRegistration = _deadlineCts.Token.UnsafeRegister(static state => _ = ((HttpContextServerCallContext)state!).DeadlineExceededAsync(), this);
    }

    // The method may ignore its token: the client still gets DEADLINE_EXCEEDED on time, and the method's
    // later writes are refused.
    private async Task DeadlineExceededAsync()
    {
        try
        {
            using var gate = await EnterWriteAsync().ConfigureAwait(false);
            if (_completed)
            {
                return;
            }
            _completed = true;
            Status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            ServerLog.DeadlineExceeded(_logger, Method);
            WriteStatus(Status);
            await _http.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection went away first; there is nobody to tell.
        }
    }

    // The lock exists only when a deadline can race the method's writes; without one, entering costs nothing.
    private ValueTask<WriteGate> EnterWriteAsync()
    {
        if (_writeLock is null)
        {
            return ValueTask.FromResult(default(WriteGate));
        }
        var wait = _writeLock.WaitAsync();
        return wait.IsCompletedSuccessfully ? ValueTask.FromResult(new WriteGate(_writeLock)) : AwaitLock(wait, _writeLock);

        static async ValueTask<WriteGate> AwaitLock(Task wait, SemaphoreSlim writeLock)
        {
            await wait.ConfigureAwait(false);
            return new WriteGate(writeLock);
        }
    }

    // The response encoding is fixed when the headers go out: with the first message, when the client accepts
    // the configured compression; never after headers the method sent itself.
    private void StartResponse(bool chooseEncoding)
    {
        _responseStarted = true;
        if (chooseEncoding && ResponseCompression is { } algorithm && MessageCompression.Accepts(_http.Request.Headers[GrpcProtocol.AcceptEncodingHeader].ToString(), algorithm))
        {
            _responseEncoding = algorithm;
            _http.Response.Headers[GrpcProtocol.EncodingHeader] = algorithm;
        }
    }

    private readonly struct WriteGate(SemaphoreSlim? held) : IDisposable
    {
        public void Dispose() => held?.Release();
    }

    private void WriteStatus(Status status)
    {
        var response = _http.Response;
        if (!_responseStarted && !response.HasStarted)
        {
            // Trailers-only: the status travels in the one HEADERS frame.
            response.Headers[GrpcProtocol.StatusHeader] = StatusText(status.StatusCode);
            if (!string.IsNullOrEmpty(status.Detail))
            {
                response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(status.Detail);
            }
            if (_responseTrailers is not null)
            {
                foreach (var entry in _responseTrailers)
                {
                    AppendMetadata(response.Headers, entry);
                }
            }
            return;
        }
        response.AppendTrailer(GrpcProtocol.StatusHeader, StatusText(status.StatusCode));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, GrpcProtocol.EncodeMessage(status.Detail));
        }
        if (_responseTrailers is not null)
        {
            foreach (var entry in _responseTrailers)
            {
                response.AppendTrailer(entry.Key, entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value);
            }
        }
    }

    private static readonly string[] StatusTexts = Enumerable.Range(0, 17).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string StatusText(StatusCode code) =>
        (int)code is >= 0 and < 17 ? StatusTexts[(int)code] : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AppendMetadata(IHeaderDictionary headers, Metadata.Entry entry)
    {
        var value = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
        headers.Append(entry.Key, value);
    }

    private static Metadata ReadRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers)
        {
            if (IsTransportHeader(header.Key))
            {
                continue;
            }
            var key = LowerCase(header.Key);
            foreach (var value in header.Value)
            {
                if (value is null)
                {
                    continue;
                }
                if (Metadata.IsBinaryKey(key))
                {
                    // Several binary values may arrive comma-joined; each is base64, padded or not.
                    foreach (var part in value.Split(','))
                    {
                        metadata.Add(key, DecodeBase64(part.Trim()));
                    }
                }
                else
                {
                    metadata.Add(new Metadata.Entry(key, SanitizeAscii(value)));
                }
            }
        }
        return metadata;
    }

    // Kestrel reports known headers in canonical case ("User-Agent"); metadata keys are lower case.
    private static string LowerCase(string key)
    {
        foreach (var c in key)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return key.ToLowerInvariant();
            }
        }
        return key;
    }

    private static bool IsTransportHeader(string key) =>
        key.StartsWith(':') ||
        key.Equals("content-type", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("te", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("host", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("content-length", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase) ||
        key.Equals(GrpcProtocol.TimeoutHeader, StringComparison.OrdinalIgnoreCase) ||
        key.Equals(GrpcProtocol.EncodingHeader, StringComparison.OrdinalIgnoreCase) ||
        key.Equals(GrpcProtocol.AcceptEncodingHeader, StringComparison.OrdinalIgnoreCase);

    internal static byte[] DecodeBase64(string value)
    {
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            throw new RpcException(StatusCode.Internal, "二进制元数据不是有效的 base64 (invalid base64 in -bin metadata)");
        }
    }

    private static string SanitizeAscii(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return new string(value.Select(ch => ch < 0x20 || ch > 0x7E ? '?' : ch).ToArray());
            }
        }
        return value;
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };
}
