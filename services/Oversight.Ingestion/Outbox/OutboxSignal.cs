namespace Oversight.Ingestion.Outbox;

/// <summary>Wakes the dispatcher when a report is stored, so notifications do not wait for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        // Already signalled: one wake-up covers any number of new reports (and a stream notifies per batch, so a
        // full semaphore is the common case, not worth an exception each time).
        if (_signal.CurrentCount > 0)
        {
            return;
        }
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another writer signalled between the check and the release.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
