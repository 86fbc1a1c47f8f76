using System.Data.Common;
using Dapper;

namespace Oversight.Storage;

/// <summary>
/// Statements over a list of values (a condition from <see cref="Dialects.ISqlDialect.In"/>), run in chunks: Dapper
/// expands the list into one parameter per value on SQLite and SQL Server, and SQL Server takes at most 2,100
/// parameters a statement. Each value is sent once.
/// </summary>
public static class ListStatements
{
    public const int ChunkSize = 500;

    public static async Task<List<T>> QueryInChunksAsync<T>(this DbConnection connection, string sql, IEnumerable<string> values, Func<string[], object> parameters, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        foreach (var chunk in values.Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
        {
            rows.AddRange(await connection.QueryAsync<T>(new CommandDefinition(sql, parameters(chunk), transaction, cancellationToken: cancellationToken)));
        }
        return rows;
    }

    public static async Task<int> ExecuteInChunksAsync(this DbConnection connection, string sql, IEnumerable<string> values, Func<string[], object> parameters, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var affected = 0;
        foreach (var chunk in values.Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
        {
            affected += await connection.ExecuteAsync(new CommandDefinition(sql, parameters(chunk), transaction, cancellationToken: cancellationToken));
        }
        return affected;
    }
}
