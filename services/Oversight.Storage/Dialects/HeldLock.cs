using System.Data.Common;
using Dapper;

namespace Oversight.Storage.Dialects;

/// <summary>A lock held on a connection's session until disposed; disposing runs the release once.</summary>
public sealed class HeldLock(Func<ValueTask> release) : IAsyncDisposable
{
    private Func<ValueTask>? _release = release;

    /// <summary>Nothing to release: the database serialises the work by itself.</summary>
    public static HeldLock None => new(() => ValueTask.CompletedTask);

    /// <summary>
    /// A session lock taken with <paramref name="take"/> and let go with <paramref name="release"/>, both run with the
    /// lock's name as @Name. A connection that broke took the session, and its lock, with it: then nothing is released.
    /// </summary>
    public static async Task<HeldLock> OfSessionAsync(DbConnection connection, string take, string release, string name, CancellationToken cancellationToken)
    {
        var parameters = new { Name = name };
        await connection.ExecuteAsync(new CommandDefinition(take, parameters, cancellationToken: cancellationToken));
        return new HeldLock(async () =>
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await connection.ExecuteAsync(new CommandDefinition(release, parameters));
            }
        });
    }

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _release, null)?.Invoke() ?? ValueTask.CompletedTask;
}
