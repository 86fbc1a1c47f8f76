using Grpc.Core;

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

    /// <summary>Reads until <paramref name="done"/> holds for what was read, and returns that reading.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        var last = default(T)!;
        await UntilAsync(async () => done(last = await read()), within, what);
        return last;
    }

    /// <summary>Calls until the answer is no longer NOT_FOUND (the row has arrived), and returns the answer.</summary>
    public static async Task<T> FoundAsync<T>(Func<Task<T>> call, TimeSpan within, string what)
        where T : class
    {
        var found = await UntilAsync(
            async () =>
            {
                try
                {
                    return await call();
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
                {
                    return null;
                }
            },
            answer => answer is not null, within, what);
        return found!;
    }
}
