using System.Data.Common;
using System.Globalization;

namespace Oversight.Storage.Bulk;

/// <summary>
/// One INSERT prepared once and run per row with new values: for SQLite, which runs in the process, so a row costs
/// no round trip, and a statement parsed once beats a long multi-row one parsed per chunk (5× in the aggregate
/// load run's data generation).
/// </summary>
internal static class PreparedInsert
{
    public static async Task RunAsync(DbConnection connection, DbTransaction transaction, TableRows rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = rows.Columns.Select((_, c) => string.Create(CultureInfo.InvariantCulture, $"@p{c}")).ToArray();
        command.CommandText = $"INSERT INTO {rows.Table} ({string.Join(", ", rows.Columns)}) VALUES ({string.Join(", ", names)})";
        var parameters = names.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        foreach (var row in rows.Rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                parameters[c].Value = BulkInserts.Stored(row[c]) ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
