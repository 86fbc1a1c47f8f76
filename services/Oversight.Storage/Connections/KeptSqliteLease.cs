using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Oversight.Storage.Connections;

/// <summary>
/// A SQLite connection kept open between units of read work, with a command per statement text it ran: preparing a
/// listing's statement took about half of its time, and a command keeps its statement prepared only while it lives.
/// Back to <see cref="SqliteConnectionFactory"/>'s idle set when the work completed; closed when it failed.
/// </summary>
internal sealed class KeptSqliteLease(SqliteConnection connection, SqliteConnectionFactory owner) : ConnectionLease(connection)
{
    // A store's statements are a few shapes each; a bound, so that statements built from varying text cannot pile up.
    private const int MaxCommands = 64;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public override DbCommand Command(string sql)
    {
        if (_commands.TryGetValue(sql, out var kept))
        {
            return kept;
        }
        if (_commands.Count >= MaxCommands)
        {
            DisposeCommands();
        }
        var command = connection.CreateCommand();
        command.CommandText = sql;
        _commands.Add(sql, command);
        return command;
    }

    /// <summary>Lent again: the next unit's work has yet to complete.</summary>
    public KeptSqliteLease Reopen()
    {
        Completed = false;
        return this;
    }

    public override ValueTask DisposeAsync()
    {
        if (Completed && owner.Return(this))
        {
            return ValueTask.CompletedTask;
        }
        Close();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the connection for good, with its statements.</summary>
    public void Close()
    {
        DisposeCommands();
        connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
    }
}
