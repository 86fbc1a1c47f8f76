using System.Data.Common;

namespace Oversight.Storage.Connections;

/// <summary>
/// A connection lent for one unit of read work, with <see cref="Command"/> for its statements. This one opens a
/// connection and closes it again, each command new; <see cref="SqliteConnectionFactory"/>'s keeps the connection open
/// between units with its statements prepared, because SQLite parses and plans every statement anew when its command
/// is disposed (and a pooled connection's close disposes them all).
/// </summary>
public class ConnectionLease(DbConnection connection) : IAsyncDisposable
{
    private List<DbCommand>? _commands;

    public DbConnection Connection => connection;

    /// <summary>Whether the work finished without failing, so the connection may serve the next unit.</summary>
    protected bool Completed { get; set; }

    /// <summary>
    /// A command for <paramref name="sql"/>; on a kept connection the one that ran it before, with its parameters as
    /// they were (set them by name with <see cref="Bind"/>).
    /// </summary>
    public virtual DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        (_commands ??= []).Add(command);
        return command;
    }

    /// <summary>The work finished: its readers are closed and nothing it started is left open.</summary>
    public void Complete() => Completed = true;

    /// <summary>Sets the parameter <paramref name="name"/> of <paramref name="command"/>, adding it the first time.</summary>
    public static void Bind(DbCommand command, string name, System.Data.DbType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var at = command.Parameters.IndexOf(name);
        var parameter = at >= 0 ? command.Parameters[at] : command.CreateParameter();
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        if (at < 0)
        {
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var command in _commands ?? [])
        {
            await command.DisposeAsync();
        }
        await connection.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
