using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oversight.Contracts.Access.V1;
using Oversight.ServiceDefaults.Clients;
using Polly;

namespace Oversight.Access;

/// <summary>Verifies keys by asking the access service (compliance) with this service's own key; a lookup is a read, retried on UNAVAILABLE.</summary>
public sealed class RemoteCallerVerifier(GrpcClientFactory clients, IOptions<AccessOptions> options, TimeProvider time,
    ILogger<RemoteCallerVerifier> logger) : ICallerVerifier
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly ResiliencePipeline _retry = ReadRetry.Build(time);
    private readonly string? _authority = options.Value.Authority;
    private AccessService.AccessServiceClient? _client;

    public async Task<KeyCheck> VerifyAsync(string keyId, string secret, CancellationToken cancellationToken)
    {
        // Absent only with open access (checked at startup), where nothing is verified.
        if (string.IsNullOrWhiteSpace(_authority))
        {
            throw AccessErrors.Unavailable();
        }
        var client = _client ??= clients.CreateClient<AccessService.AccessServiceClient>(nameof(AccessService.AccessServiceClient));
        VerifyKeyResponse answer;
        try
        {
            var request = new VerifyKeyRequest { Key = $"{ApiKeys.Prefix}{keyId}_{secret}" };
            answer = await _retry.ExecuteAsync(async token =>
                await client.VerifyKeyAsync(request, CallDeadline.In(Timeout, cancellationToken: token)), cancellationToken);
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            AccessLog.AuthorityUnavailable(logger, _authority, ex.StatusCode.ToString());
            throw AccessErrors.Unavailable();
        }
        return answer.Refusal.Length > 0
            ? KeyCheck.Refused(answer.Refusal)
            : KeyCheck.Valid(new Caller(answer.KeyId, answer.Name, answer.Role, answer.Scope), answer.ExpiresAt?.ToDateTimeOffset());
    }
}
