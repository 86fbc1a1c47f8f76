using System.Data;
using Dapper;

namespace Oversight.Storage;

/// <summary>
/// Instants in rows and parameters are <see cref="DateTimeOffset"/>s, stored as the text <see cref="SqlTime"/> writes
/// (UTC, fixed width). Every dialect's time columns are text (see the migrations), so the same text goes to SQLite,
/// PostgreSQL and SQL Server, compares and sorts as a string there, and rows stored before read back unchanged; one
/// handler serves all three (Dapper's handlers are process-wide). Null goes out as a null string.
/// </summary>
internal sealed class InstantHandler : SqlMapper.ITypeHandler
{
    public void SetValue(IDbDataParameter parameter, object value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = value is DateTimeOffset instant ? SqlTime.Format(instant) : DBNull.Value;
    }

    public object Parse(Type destinationType, object value) => value switch
    {
        string text => SqlTime.Parse(text),
        DateTimeOffset instant => instant,
        // Dapper hands a single nullable column's null to the handler; a property's null it sets itself.
        DBNull when Nullable.GetUnderlyingType(destinationType) is not null => null!,
        _ => throw new DataException($"An instant is stored as text, not as {value.GetType().Name}."),
    };
}
