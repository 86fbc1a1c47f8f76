using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oversight.ServiceDefaults.Hosting;

namespace Oversight.ServiceDefaults.Paging;

/// <summary>
/// Says so at start, as a warning, when a host that other machines can reach draws its own page-token key: behind one
/// address with several replicas, a page token made by one replica is refused by the next (PAGE_TOKEN_INVALID). A host
/// cannot know how many replicas it has, so it warns rather than refuses; the manifests give every replica the same
/// Paging:TokenKey from a Secret, and a test checks that they do.
/// </summary>
public sealed partial class PageTokenKeyCheck(IOptions<PagingOptions> paging, GrpcEndpointOptions endpoint, ILogger<PageTokenKeyCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(paging.Value.TokenKey) && !endpoint.IsLoopback)
        {
            NoSharedKey(logger, endpoint.Address);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning,
        "Paging:TokenKey is not set and the host listens on {Address}: page tokens are sealed with a key of this process only, so with several " +
        "replicas behind one address a token from one replica is refused by the others. Give every replica the same Paging:TokenKey " +
        "(Paging__TokenKey from a Secret).")]
    private static partial void NoSharedKey(ILogger logger, string address);
}
