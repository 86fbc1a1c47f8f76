using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Oversight.Storage.Bulk;

/// <summary>
/// Multi-row INSERT … VALUES (…), (…): one statement per chunk that stays under the database's parameter limit,
/// for a server without a bulk protocol this project uses (SQL Server, which allows 2,100 parameters a statement).
/// </summary>
internal static class ValuesInsert
{
    public static async Task RunAsync(DbConnection connection, DbTransaction transaction, TableRows rows, int maxParameters, CancellationToken cancellationToken)
    {
        var perStatement = Math.Max(1, maxParameters / rows.Columns.Count);
        var head = $"INSERT INTO {rows.Table} ({string.Join(", ", rows.Columns)}) VALUES ";
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder(head);
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                var row = rows.Rows[start + r];
                for (var c = 0; c < row.Length; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                    sql.Append(c == 0 ? "" : ", ").Append(name);
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = BulkInserts.Stored(row[c]) ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
