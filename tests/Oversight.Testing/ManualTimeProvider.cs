namespace Oversight.Testing;

/// <summary>A clock a test sets; nothing waits on it, so tests never sleep.</summary>
public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
