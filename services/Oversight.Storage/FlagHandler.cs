using System.Data;
using System.Globalization;
using Dapper;

namespace Oversight.Storage;

/// <summary>
/// Flags (is_current, forced, must_report …) are 0/1 integers on every dialect, so one SQL text ("is_current = 1")
/// runs on all of them: SQLite has no boolean, and PostgreSQL will not store a boolean parameter in an integer column.
/// bool parameters go out as 1/0; a flag reads back from an integer or a bit alike.
/// </summary>
internal sealed class FlagHandler : SqlMapper.TypeHandler<bool>
{
    public override void SetValue(IDbDataParameter parameter, bool value)
    {
        parameter.DbType = DbType.Int32;
        parameter.Value = value ? 1 : 0;
    }

    public override bool Parse(object value) => value is bool flag ? flag : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0;
}
