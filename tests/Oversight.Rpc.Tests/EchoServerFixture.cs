using Oversight.Rpc.Client;
using Oversight.Rpc.Clients;
using Oversight.Rpc.Server;
using Oversight.Testing;

namespace Oversight.Rpc.Tests;

/// <summary>One loopback server with echo, health and reflection for the transport tests.</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    public LoopbackGrpcServer Server { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public EchoClient Echo { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Server = await LoopbackGrpcServer.StartAsync(
            endpoints =>
            {
                endpoints.MapGrpcService<EchoService>();
                endpoints.MapGrpcHealthService();
                endpoints.MapGrpcReflectionService();
            },
            logger: Logs);
        Channel = GrpcChannel.ForAddress(Server.Address);
        Echo = new EchoClient(Channel);
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(nameof(EchoServerCollection))]
public sealed class EchoServerCollection : ICollectionFixture<EchoServerFixture>;
