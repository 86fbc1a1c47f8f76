using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oversight.Contracts.Access.V1;
using Oversight.Rpc;
using Oversight.Rpc.Client;
using Oversight.Rpc.Clients;

namespace Oversight.Access;

/// <summary>Verifies keys by asking the access service (compliance) with this service's own key.</summary>
public sealed class RemoteCallerVerifier : ICallerVerifier, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly AccessClient? _client;
    private readonly ILogger<RemoteCallerVerifier> _logger;

    public RemoteCallerVerifier(IOptions<AccessOptions> options, ServiceCredentials credentials, ILogger<RemoteCallerVerifier> logger)
    {
        // Absent only with open access (checked at startup), where nothing is verified.
        var authority = options.Value.Authority;
        _client = string.IsNullOrWhiteSpace(authority) ? null : new AccessClient(GrpcChannel.ForAddress(authority, credentials.ChannelOptions()));
        _logger = logger;
    }

    public async Task<KeyCheck> VerifyAsync(string keyId, string secret, CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            throw AccessErrors.Unavailable();
        }
        VerifyKeyResponse answer;
        try
        {
            var request = new VerifyKeyRequest { Key = $"{ApiKeys.Prefix}{keyId}_{secret}" };
            answer = await _client.VerifyKeyAsync(request, CallOptions.WithTimeout(Timeout, cancellationToken: cancellationToken));
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            AccessLog.AuthorityUnavailable(_logger, _client.Channel.Address.ToString(), ex.StatusCode.ToString());
            throw AccessErrors.Unavailable();
        }
        return answer.Refusal.Length > 0
            ? KeyCheck.Refused(answer.Refusal)
            : KeyCheck.Valid(new Caller(answer.KeyId, answer.Name, answer.Role, answer.Scope), answer.ExpiresAt?.ToDateTimeOffset());
    }

    public void Dispose() => _client?.Channel.Dispose();
}
