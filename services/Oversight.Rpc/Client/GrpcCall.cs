using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Oversight.Rpc.Client;

/// <summary>One call as one HTTP/2 request: sends, reads headers, messages and trailers, ends with a status.</summary>
internal sealed class GrpcCall<TRequest, TResponse> : ICallState
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcProtocol.ContentType);

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _callCts;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly CancellationTokenRegistration _userRegistration;
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _requestEncoding;
    private Task<HttpResponseMessage>? _sendTask;
    private HttpResponseMessage? _response;
    private PipeReader? _reader;
    private string? _responseEncoding;
    private Status? _status;
    private Metadata? _trailers;
    private int _disposed;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _callCts = new CancellationTokenSource();
        if (options.CancellationToken.CanBeCanceled)
        {
            _userRegistration = options.CancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _callCts);
        }
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var remaining = deadline.ToUniversalTime() - DateTime.UtcNow;
            _deadlineCts = new CancellationTokenSource();
            if (remaining <= TimeSpan.Zero)
            {
                _deadlineCts.Cancel();
                _callCts.Cancel();
            }
            else
            {
                _deadlineCts.Token.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _callCts);
                _deadlineCts.CancelAfter(remaining);
            }
        }
        var compression = options.Compression ?? channel.Options.RequestCompression;
        _requestEncoding = compression is null or MessageCompression.Identity ? null : compression;
        if (!MessageCompression.IsSupported(_requestEncoding))
        {
            throw new ArgumentException($"Unsupported request compression '{compression}'.", nameof(options));
        }
        ResponseStream = new ResponseReader(this);
    }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public void StartWithMessage(TRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MessageFraming.Write(buffer, request, _requestEncoding, _channel.Options.CompressionLevel, _channel.Options.MaxSendMessageSize);
        var content = new ByteArrayContent(buffer.WrittenMemory.ToArray());
        content.Headers.ContentType = GrpcContentType;
        Send(content);
    }

    public IClientStreamWriter<TRequest> StartStreaming()
    {
        var content = new StreamingRequestContent();
        content.Headers.ContentType = GrpcContentType;
        Send(content);
        return new RequestWriter(this, content);
    }

    public async Task<TResponse> ReadUnaryResponseAsync()
    {
        var message = await ReadMessageAsync().ConfigureAwait(false)
            ?? throw Fail(new Status(StatusCode.Internal, "服务器未返回响应消息 (no response message)"));
        if (await ReadMessageAsync().ConfigureAwait(false) is not null)
        {
            throw Fail(new Status(StatusCode.Internal, "服务器返回了多条响应消息 (more than one response message)"));
        }
        return message;
    }

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not finished.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("The call has not finished.");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (_status is null)
        {
            // Disposing an unfinished call cancels it (RST_STREAM to the server).
            _callCts.Cancel();
        }
        _userRegistration.Dispose();
        _response?.Dispose();
        _deadlineCts?.Dispose();
        _callCts.Dispose();
    }

    private void Send(HttpContent content)
    {
        if (_callCts.IsCancellationRequested)
        {
            _sendTask = Task.FromException<HttpResponseMessage>(new OperationCanceledException(_callCts.Token));
            _sendTask.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            return;
        }
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, MessageCompression.AcceptEncoding);
        if (_requestEncoding is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, _requestEncoding);
        }
        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcProtocol.FormatTimeout(deadline.ToUniversalTime() - DateTime.UtcNow));
        }
        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value);
            }
        }
        if (_channel.Options.Credentials is { } credentials && !headers.Contains(CallCredentials.AuthorizationHeader) && credentials.HeaderValue() is { } authorization)
        {
            headers.TryAddWithoutValidation(CallCredentials.AuthorizationHeader, authorization);
        }
        _sendTask = _channel.Invoker.SendAsync(request, _callCts.Token);
    }

    private async Task<bool> EnsureResponseAsync()
    {
        if (_response is not null)
        {
            return _status is null;
        }
        HttpResponseMessage response;
        try
        {
            response = await _sendTask!.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(StatusFromException(ex));
        }
        _response = response;
        var responseHeaders = ToMetadata(response.Headers);
        _headers.TrySetResult(responseHeaders);

        // Trailers-only: the status came in the headers and there is no body to read.
        if (FindStatus(response.Headers) is { } trailersOnly)
        {
            _trailers = responseHeaders;
            Finish(trailersOnly);
            return false;
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Fail(new Status(GrpcProtocol.FromHttpStatus(response.StatusCode), $"服务器返回 HTTP {(int)response.StatusCode} 而非 gRPC 响应 (bad gRPC response)"));
        }
        if (!GrpcProtocol.IsGrpcContentType(response.Content.Headers.ContentType?.ToString()))
        {
            throw Fail(new Status(StatusCode.Internal, $"响应的 Content-Type 不是 gRPC: '{response.Content.Headers.ContentType}' (bad gRPC response)"));
        }
        _responseEncoding = response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var values) ? values.FirstOrDefault() : null;
        if (_responseEncoding == MessageCompression.Identity)
        {
            _responseEncoding = null;
        }
        var stream = await response.Content.ReadAsStreamAsync(_callCts.Token).ConfigureAwait(false);
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        return true;
    }

    private async Task<TResponse?> ReadMessageAsync()
    {
        if (_status is { } done)
        {
            if (done.StatusCode == StatusCode.OK)
            {
                return null;
            }
            throw new RpcException(done, _trailers);
        }
        if (!await EnsureResponseAsync().ConfigureAwait(false))
        {
            return _status!.Value.StatusCode == StatusCode.OK ? null : throw new RpcException(_status.Value, _trailers);
        }
        TResponse? message;
        try
        {
            message = await MessageFraming.ReadAsync(_reader!, _method.ResponseParser, _responseEncoding, _channel.Options.MaxReceiveMessageSize, _callCts.Token).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw Fail(ex.Status);
        }
        catch (Exception ex)
        {
            throw Fail(StatusFromException(ex));
        }
        if (message is not null)
        {
            return message;
        }
        _trailers = ToMetadata(_response!.TrailingHeaders);
        var status = FindStatus(_response.TrailingHeaders)
            ?? new Status(StatusCode.Internal, "响应中没有 grpc-status (no grpc-status in trailers)");
        Finish(status);
        return status.StatusCode == StatusCode.OK ? null : throw new RpcException(status, _trailers);
    }

    // A write fails when the server has already ended the call (an early error such as UNIMPLEMENTED ends the
    // stream before the request body is sent): the caller should see the server's status, not the broken write.
    private async Task<Status> StatusAfterWriteFailureAsync(Exception ex)
    {
        if (_status is null && _sendTask is not null && !_callCts.IsCancellationRequested)
        {
            try
            {
                // The response that ended the call is usually already in, or a moment away.
                await EnsureResponseAsync().WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // No status to be had from the response; the write failure speaks for itself.
            }
        }
        return _status ?? StatusFromException(ex);
    }

    private Status StatusFromException(Exception ex)
    {
        if (_deadlineCts is { IsCancellationRequested: true })
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        if (_callCts.IsCancellationRequested)
        {
            return new Status(StatusCode.Cancelled, "调用已被客户端取消 (call cancelled by the client)");
        }
        if (ex is HttpRequestException or IOException)
        {
            var protocolError = FindProtocolError(ex);
            if (protocolError == 0x8)
            {
                return new Status(StatusCode.Cancelled, "服务器取消了调用 (stream cancelled by the server)");
            }
            return new Status(StatusCode.Unavailable, $"无法连接或连接中断: {ex.Message}");
        }
        return new Status(StatusCode.Internal, $"调用失败: {ex.GetType().Name}: {ex.Message}");
    }

    private static long? FindProtocolError(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is HttpProtocolException protocol)
            {
                return protocol.ErrorCode;
            }
        }
        return null;
    }

    private RpcException Fail(Status status)
    {
        Finish(status);
        return new RpcException(status, _trailers);
    }

    private void Finish(Status status)
    {
        _status ??= status;
        _trailers ??= new Metadata();
        _headers.TrySetResult(new Metadata());
        if (status.StatusCode != StatusCode.OK)
        {
            // Stop the request side too: a client stream still writing learns the call is over.
            try
            {
                _callCts.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static Status? FindStatus(HttpHeaders headers)
    {
        if (!headers.TryGetValues(GrpcProtocol.StatusHeader, out var statusValues))
        {
            return null;
        }
        var text = statusValues.FirstOrDefault();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"无效的 grpc-status '{text}'");
        }
        var message = headers.TryGetValues(GrpcProtocol.MessageHeader, out var messageValues) ? messageValues.FirstOrDefault() : null;
        return new Status((StatusCode)code, GrpcProtocol.DecodeMessage(message));
    }

    private static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers)
        {
            var key = header.Key.ToLowerInvariant();
            if (key is GrpcProtocol.StatusHeader or GrpcProtocol.MessageHeader or GrpcProtocol.EncodingHeader or GrpcProtocol.AcceptEncodingHeader or "content-type" or "date" or "server")
            {
                continue;
            }
            foreach (var value in header.Value)
            {
                if (Metadata.IsBinaryKey(key))
                {
                    foreach (var part in value.Split(','))
                    {
                        metadata.Add(key, Server.HttpContextServerCallContext.DecodeBase64(part.Trim()));
                    }
                }
                else if (value.All(c => c is >= ' ' and <= '~'))
                {
                    metadata.Add(key, value);
                }
            }
        }
        return metadata;
    }

    private sealed class ResponseReader(GrpcCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    {
        private TResponse? _current;

        public TResponse Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first.");

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            using var registration = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).CancelQuietly(), call)
                : default;
            _current = await call.ReadMessageAsync().ConfigureAwait(false);
            return _current is not null;
        }
    }

    private void CancelQuietly()
    {
        try
        {
            _callCts.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private sealed class RequestWriter(GrpcCall<TRequest, TResponse> call, StreamingRequestContent content) : IClientStreamWriter<TRequest>
    {
        private bool _completed;

        public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(message);
            if (_completed)
            {
                throw new InvalidOperationException("The request stream was already completed.");
            }
            if (call._status is { StatusCode: not StatusCode.OK } failed)
            {
                throw new RpcException(failed, call._trailers);
            }
            var buffer = new ArrayBufferWriter<byte>();
            MessageFraming.Write(buffer, message, call._requestEncoding, call._channel.Options.CompressionLevel, call._channel.Options.MaxSendMessageSize);
            try
            {
                var stream = await content.GetStreamAsync(call._callCts.Token).ConfigureAwait(false);
                using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call._callCts.Token) : null;
                var token = linked?.Token ?? call._callCts.Token;
                await stream.WriteAsync(buffer.WrittenMemory, token).ConfigureAwait(false);
                await stream.FlushAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not RpcException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    throw new RpcException(new Status(StatusCode.Cancelled, "写入已被调用方取消 (write cancelled by the caller)"), call._trailers);
                }
                throw new RpcException(await call.StatusAfterWriteFailureAsync(ex).ConfigureAwait(false), call._trailers);
            }
        }

        public Task CompleteAsync()
        {
            _completed = true;
            content.Complete();
            return Task.CompletedTask;
        }
    }
}
