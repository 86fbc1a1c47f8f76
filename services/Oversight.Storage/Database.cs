using System.Data.Common;
using Oversight.Storage.Connections;
using Oversight.Storage.Dialects;
using Polly;

namespace Oversight.Storage;

/// <summary>
/// One service's database: connections, its dialect, and the retry pipeline every unit of work runs in. Disposed with
/// the host, it closes the connections its factory keeps.
/// </summary>
public sealed class Database(IConnectionFactory connections, ISqlDialect dialect, ResiliencePipeline pipeline) : IAsyncDisposable
{
    // Process-wide Dapper settings for every store: snake_case columns to PascalCase properties, flags as 0/1
    // integers and instants as SqlTime text (the built-in mappings are removed so that the handlers are used for
    // parameters as well).
    static Database()
    {
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        Dapper.SqlMapper.RemoveTypeMap(typeof(bool));
        Dapper.SqlMapper.AddTypeHandler(new FlagHandler());
        Dapper.SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        Dapper.SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        Dapper.SqlMapper.AddTypeHandler(typeof(DateTimeOffset), new InstantHandler());
    }

    public ISqlDialect Dialect => dialect;

    public IConnectionFactory Connections => connections;

    /// <summary>Runs <paramref name="work"/> on a fresh connection; a transient failure reruns the whole unit.</summary>
    public ValueTask<T> RunAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(async token =>
        {
            await using var connection = await connections.OpenAsync(token);
            return await work(connection, token);
        }, cancellationToken);

    /// <summary>
    /// Runs read work without a transaction on a lent connection whose statements may stay prepared for the next unit
    /// (<see cref="ConnectionLease"/>): for the short reads that are called most. Retried whole on transient failures.
    /// </summary>
    public ValueTask<T> ReadAsync<T>(Func<ConnectionLease, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(async token =>
        {
            await using var lease = await connections.LeaseAsync(token);
            var result = await work(lease, token);
            lease.Complete();
            return result;
        }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a transaction, committed when it returns; retried whole on transient failures.</summary>
    public ValueTask<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(async token =>
        {
            await using var connection = await connections.OpenAsync(token);
            await using var transaction = await connection.BeginTransactionAsync(token);
            var result = await work(connection, transaction, token);
            await transaction.CommitAsync(token);
            return result;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        switch (connections)
        {
            case IAsyncDisposable disposable:
                await disposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
