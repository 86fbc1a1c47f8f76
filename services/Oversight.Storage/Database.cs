using System.Data.Common;
using Oversight.Storage.Connections;
using Oversight.Storage.Dialects;
using Polly;

namespace Oversight.Storage;

/// <summary>One service's database: connections, its dialect, and the retry pipeline every unit of work runs in.</summary>
public sealed class Database(IConnectionFactory connections, ISqlDialect dialect, ResiliencePipeline pipeline)
{
    // Process-wide Dapper settings for every store: snake_case columns to PascalCase properties, and flags as 0/1
    // integers (the built-in bool mapping is removed so that the handler is used for parameters as well).
    static Database()
    {
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        Dapper.SqlMapper.RemoveTypeMap(typeof(bool));
        Dapper.SqlMapper.AddTypeHandler(new FlagHandler());
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
}
