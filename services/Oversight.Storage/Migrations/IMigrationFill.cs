using System.Data.Common;
using Oversight.Storage.Dialects;

namespace Oversight.Storage.Migrations;

/// <summary>
/// The part of a numbered migration that SQL cannot do: values for the rows already stored, computed in code (read
/// from a stored protobuf message, say). A service's assembly holds at most one fill per version, beside that
/// version's files; <see cref="MigrationRunner"/> runs it after them in the same transaction, so a database at that
/// version has no row without the values.
/// </summary>
public interface IMigrationFill
{
    /// <summary>The number of the migration this fill completes.</summary>
    int Version { get; }

    Task FillAsync(DbConnection connection, DbTransaction transaction, ISqlDialect dialect, CancellationToken cancellationToken);
}
