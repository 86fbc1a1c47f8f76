using Oversight.Access;
using Oversight.Compliance.Storage;

namespace Oversight.Compliance.Checking;

/// <summary>
/// The scope of whoever submitted a report, for what its check may change beyond the report itself. Ingestion's
/// outbox asks for the check with the services' key (the whole country), so the submitter is found by the key id in
/// the revision's submitted_by ("name (key_id)"); keys live here, in compliance.
/// </summary>
public sealed class SubmitterScopes(KeyStore keys)
{
    public async Task<string> ScopeAsync(Caller caller, string submittedBy, string jurisdictionCode, CancellationToken cancellationToken)
    {
        if (caller.Role != Roles.Service)
        {
            return caller.Scope;
        }
        if (KeyIdOf(submittedBy) is not { } keyId)
        {
            // Open access (loopback development) or a client certificate: no key to narrow by.
            return caller.Scope;
        }
        // A key since deleted: the narrowest scope that surely was its, the report's own body.
        return (await keys.GetAsync(keyId, cancellationToken))?.Scope ?? jurisdictionCode;
    }

    private static string? KeyIdOf(string label)
    {
        if (!label.EndsWith(')'))
        {
            return null;
        }
        var open = label.LastIndexOf('(');
        var id = open < 0 ? "" : label[(open + 1)..^1];
        return id.Length == 16 && id.All(char.IsAsciiHexDigitLower) ? id : null;
    }
}
