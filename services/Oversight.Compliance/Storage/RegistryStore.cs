using Dapper;
using Oversight.Storage;
using Oversight.Storage.Bulk;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Storage;

/// <summary>The registry of bodies expected to report.</summary>
public sealed class RegistryStore(Database database)
{
    private const string Columns = "code, name, level, parent_code, kind, must_report, updated_at, portal_columns";

    public ValueTask<long> CountAsync(CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) => connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM bodies",
            cancellationToken: token)), cancellationToken);

    /// <summary>Upserts a batch in one transaction; returns how many were inserted, updated and left unchanged.</summary>
    public ValueTask<(int Inserted, int Updated, int Unchanged)> UpsertAsync(IReadOnlyList<BodyRow> bodies, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            // One import at a time: replicas seeding the shipped registry at start would otherwise both insert it.
            await connection.TakeAsync(database.Dialect, transaction, ["registry"], token);
            var find = $"SELECT {Columns} FROM bodies WHERE {database.Dialect.In("code", "Codes")}";
            var existing = (await connection.QueryInChunksAsync<BodyRow>(find, bodies.Select(b => b.Code), codes => new { Codes = codes }, transaction,
                token))
                .ToDictionary(row => row.Code, StringComparer.Ordinal);
            var inserts = new TableRows("bodies", "code", "name", "level", "parent_code", "kind", "must_report", "updated_at", "portal_columns");
            var updates = new List<BodyRow>();
            var unchanged = 0;
            foreach (var body in bodies.GroupBy(b => b.Code).Select(g => g.Last()))
            {
                if (!existing.TryGetValue(body.Code, out var old))
                {
                    inserts.Add(body.Code, body.Name, body.Level, body.ParentCode, body.Kind, body.MustReport, body.UpdatedAt, body.PortalColumns ?? "");
                }
                else if ((old.Name, old.Level, old.ParentCode, old.Kind, old.MustReport, old.PortalColumns)
                    != (body.Name, body.Level, body.ParentCode, body.Kind, body.MustReport, body.PortalColumns ?? old.PortalColumns))
                {
                    updates.Add(body);
                }
                else
                {
                    unchanged++;
                }
            }
            // A file without portal_columns (null) leaves the stored ones.
            const string Update = """
                UPDATE bodies SET name = @Name, level = @Level, parent_code = @ParentCode, kind = @Kind, must_report = @MustReport,
                  updated_at = @UpdatedAt, portal_columns = COALESCE(@PortalColumns, portal_columns)
                WHERE code = @Code
                """;
            await connection.InsertAsync(database.Dialect, transaction, inserts, token);
            if (updates.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(Update, updates, transaction, cancellationToken: token));
            }
            return (inserts.Count, updates.Count, unchanged);
        }, cancellationToken);

    /// <summary>A page in code order, after <paramref name="afterCode"/>.</summary>
    public ValueTask<IReadOnlyList<BodyRow>> ListAsync(string codePrefix, string level, string kind, bool mustReportOnly, string afterCode, int limit,
        CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<BodyRow>>(async (connection, token) =>
        {
            var sql = $"""
                SELECT {Columns} FROM bodies
                WHERE code LIKE @Prefix AND code > @After
                  {(level.Length > 0 ? "AND level = @Level" : "")} {(kind.Length > 0 ? "AND kind = @Kind" : "")} {(mustReportOnly ? "AND must_report = 1" : "")}
                ORDER BY code {database.Dialect.Limit("Limit")}
                """;
            var parameters = new { Prefix = CodePrefix.LikePattern(codePrefix), After = afterCode, Level = level, Kind = kind, Limit = limit };
            return (await connection.QueryAsync<BodyRow>(new CommandDefinition(sql, parameters, cancellationToken: token))).AsList();
        }, cancellationToken);

    /// <summary>Every body in scope that must report (a sweep's expectation).</summary>
    public ValueTask<IReadOnlyList<BodyRow>> ExpectedAsync(string scopePrefix, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<BodyRow>>(async (connection, token) =>
        {
            const string Sql = $"SELECT {Columns} FROM bodies WHERE must_report = 1 AND code LIKE @Prefix ORDER BY code";
            return (await connection.QueryAsync<BodyRow>(new CommandDefinition(Sql, new { Prefix = CodePrefix.LikePattern(scopePrefix) },
                cancellationToken: token))).AsList();
        }, cancellationToken);
}
