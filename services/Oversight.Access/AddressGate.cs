using System.Collections.Concurrent;

namespace Oversight.Access;

/// <summary>
/// One key lookup at a time per source address, for addresses over the failure limit: whatever keys such an
/// address sends are still verified (a valid key behind a shared address keeps working), but a flood of guesses
/// from it costs one lookup at a time instead of as many as it can send.
/// </summary>
public sealed class AddressGate
{
    private const int MaxAddresses = 10_000;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<T> RunAsync<T>(string address, Func<Task<T>> lookup, CancellationToken cancellationToken)
    {
        if (_gates.Count >= MaxAddresses)
        {
            // Gates left from ended floods: dropping them frees at worst one waiting lookup's turn early.
            _gates.Clear();
        }
        var gate = _gates.GetOrAdd(address, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await lookup();
        }
        finally
        {
            gate.Release();
        }
    }
}
