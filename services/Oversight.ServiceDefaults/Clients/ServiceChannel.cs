using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Oversight.ServiceDefaults.Clients;

/// <summary>
/// A channel to one Oversight service outside dependency injection (the command line, the platform's sample
/// loader, tests): every call gets a deadline unless it sets one, and the key as call credentials when there is one.
/// Generated clients take it as their channel.
/// </summary>
public sealed class ServiceChannel : ChannelBase, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;

    private ServiceChannel(GrpcChannel channel, CallDefaults defaults) : base(channel.Target)
    {
        _channel = channel;
        _invoker = channel.Intercept(new CallDefaultsInterceptor(defaults));
    }

    /// <param name="address">"http://127.0.0.1:5101" (loopback cleartext) or "https://host:5101".</param>
    /// <param name="key">The API key, asked for on each call; null or empty sends none.</param>
    public static ServiceChannel For(string address, Func<string?>? key = null, ClientTransport? transport = null) =>
        new((transport ?? new ClientTransport()).CreateChannel(address), CallDefaults.For(key is null ? null : BearerToken.Credentials(key)));

    public static ServiceChannel For(Uri address, Func<string?>? key = null, ClientTransport? transport = null) =>
        For(address.ToString(), key, transport);

    public override CallInvoker CreateCallInvoker() => _invoker;

    public void Dispose() => _channel.Dispose();
}
