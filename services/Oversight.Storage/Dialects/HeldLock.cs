namespace Oversight.Storage.Dialects;

/// <summary>A lock held on a connection's session until disposed; disposing runs the release once.</summary>
public sealed class HeldLock(Func<ValueTask> release) : IAsyncDisposable
{
    private Func<ValueTask>? _release = release;

    /// <summary>Nothing to release: the database serialises the work by itself.</summary>
    public static HeldLock None => new(() => ValueTask.CompletedTask);

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _release, null)?.Invoke() ?? ValueTask.CompletedTask;
}
