using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Oversight.Storage.Bulk;

/// <summary>
/// COPY … FROM STDIN in PostgreSQL's binary format: the rows stream to the server in one operation of the open
/// transaction, instead of one INSERT round trip each. Integer columns are BIGINT in every migration, so integers
/// and flags are written as int8.
/// </summary>
internal static class PostgresCopy
{
    public static async Task RunAsync(DbConnection connection, TableRows rows, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        await using var writer = await npgsql.BeginBinaryImportAsync($"COPY {rows.Table} ({string.Join(", ", rows.Columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows.Rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var value in row)
            {
                await (BulkInserts.Stored(value) switch
                {
                    null => writer.WriteNullAsync(cancellationToken),
                    string text => writer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
                    long number => writer.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken),
                    int number => writer.WriteAsync((long)number, NpgsqlDbType.Bigint, cancellationToken),
                    double number => writer.WriteAsync(number, NpgsqlDbType.Double, cancellationToken),
                    byte[] bytes => writer.WriteAsync(bytes, NpgsqlDbType.Bytea, cancellationToken),
                    var other => throw new ArgumentException($"{rows.Table}: no COPY mapping for {other.GetType().Name}."),
                });
            }
        }
        await writer.CompleteAsync(cancellationToken);
    }
}
