using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Oversight.Storage.Migrations;

/// <summary>
/// Applies a service's numbered migration files (embedded as Migrations/{dialect}/NNNN_name.sql) in order,
/// each in its own transaction together with its row in schema_version, under the dialect's migration lock so that
/// replicas starting at once apply each file once. A database whose version is newer than the newest file this build
/// knows is refused: an older service must not write to a newer schema.
/// </summary>
public static partial class MigrationRunner
{
    public static async Task<int> ApplyAsync(Database database, Assembly assembly, CancellationToken cancellationToken)
    {
        await database.Connections.CreateIfMissingAsync(cancellationToken);
        var migrations = Discover(assembly, database.Dialect.Name);
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        return await database.RunAsync(async (connection, token) =>
        {
            // Replicas starting together on an empty database: one migrates, the others wait and then find nothing to do.
            await using var held = await database.Dialect.HoldMigrationLockAsync(connection, token);
            await connection.ExecuteAsync(new CommandDefinition(database.Dialect.VersionTable, cancellationToken: token));
            var current = await CurrentVersionAsync(connection, token);
            if (current > latest)
            {
                throw new SchemaTooNewException(current, latest);
            }
            foreach (var migration in migrations.Where(m => m.Version > current))
            {
                await using var transaction = await connection.BeginTransactionAsync(token);
                // Read again inside the transaction: on SQLite, whose lock is the transaction's, another process may have applied it since.
                if (await CurrentVersionAsync(connection, transaction, token) >= migration.Version)
                {
                    continue;
                }
                foreach (var batch in migration.Batches)
                {
                    await connection.ExecuteAsync(new CommandDefinition(batch, transaction: transaction, cancellationToken: token));
                }
                const string Record = "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)";
                await connection.ExecuteAsync(new CommandDefinition(Record,
                    new { migration.Version, migration.Name, AppliedAt = TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
                    transaction, cancellationToken: token));
                await transaction.CommitAsync(token);
            }
            return Math.Max(current, latest);
        }, cancellationToken);
    }

    public static Task<int> CurrentVersionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        CurrentVersionAsync(connection, null, cancellationToken);

    private static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        const string Sql = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(Sql, transaction: transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The migration files of one dialect, in version order; gaps and duplicates refuse the start.</summary>
    public static IReadOnlyList<Migration> Discover(Assembly assembly, string dialect)
    {
        var prefix = ".Migrations." + dialect + ".";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var fileName = resource[(resource.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..];
            var match = FileName().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration {fileName} must be named NNNN_description.sql.");
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, Batches(reader.ReadToEnd())));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations for {dialect} must be numbered 1, 2, 3 … without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }
        return migrations;
    }

    // SQL Server tools separate batches with GO lines; SQLite files simply have none.
    private static IReadOnlyList<string> Batches(string script) =>
        GoLine().Split(script).Select(b => b.Trim()).Where(b => b.Length > 0).ToList();

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();
}

public sealed record Migration(int Version, string Name, IReadOnlyList<string> Batches);

/// <summary>The database was migrated by a newer build of the service.</summary>
public sealed class SchemaTooNewException(int databaseVersion, int knownVersion)
    : InvalidOperationException($"The database schema is at version {databaseVersion}, newer than this service knows ({knownVersion}). Upgrade the service; it will not start against a newer schema.")
{
    public int DatabaseVersion { get; } = databaseVersion;

    public int KnownVersion { get; } = knownVersion;
}
