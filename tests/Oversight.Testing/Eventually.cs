namespace Oversight.Testing;

/// <summary>
/// Waits for something a test can observe (a row, a reply, a counter), checking again every few milliseconds, and fails
/// with what it waited for when the bound passes. Never a fixed sleep: the wait ends as soon as the condition holds.
/// </summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        using var timeout = new CancellationTokenSource(within);
        while (!await condition())
        {
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Not observed within {within}: {what}");
            }
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan within, string what) =>
        UntilAsync(() => Task.FromResult(condition()), within, what);
}
