namespace Oversight.Storage.Bulk;

/// <summary>
/// Rows for one table, values in column order, written by <see cref="BulkInserts.InsertAsync"/> in as few round trips
/// as the database allows. Table and column names come from code, never from input.
/// </summary>
public sealed class TableRows(string table, params string[] columns)
{
    private readonly List<object?[]> _rows = [];

    public string Table => table;

    public IReadOnlyList<string> Columns => columns;

    public IReadOnlyList<object?[]> Rows => _rows;

    public int Count => _rows.Count;

    /// <summary>One row; values are text, integers, flags, doubles, bytes, instants or null.</summary>
    public void Add(params object?[] values)
    {
        if (values.Length != columns.Length)
        {
            throw new ArgumentException($"{table} takes {columns.Length} values a row, not {values.Length}.", nameof(values));
        }
        // Instants as the text every dialect stores them as (see InstantHandler), so the bulk writers see text only.
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is DateTimeOffset instant)
            {
                values[i] = SqlTime.Format(instant);
            }
        }
        _rows.Add(values);
    }
}
