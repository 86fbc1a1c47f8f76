using System.Data.Common;
using Dapper;
using Oversight.Storage;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Storage;

/// <summary>The audit log: administrative actions, appended and never changed.</summary>
public sealed class AuditStore(Database database)
{
    public ValueTask<int> AppendAsync(AuditRow row, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) => AppendAsync(connection, null, row, token), cancellationToken);

    /// <summary>Inside another store's transaction, so a change and its entry are stored together or not at all.</summary>
    internal static Task<int> AppendAsync(DbConnection connection, DbTransaction? transaction, AuditRow row, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO audit_log (at, caller, role, action, target, jurisdiction, detail, outcome, address)
            VALUES (@At, @Caller, @Role, @Action, @Target, @Jurisdiction, @Detail, @Outcome, @Address)
            """;
        return connection.ExecuteAsync(new CommandDefinition(Sql, row, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Newest first: entries about jurisdictions inside <paramref name="scopePrefix"/>, before <paramref name="beforeSeq"/>
    /// (0 = from the newest), at or after <paramref name="since"/> and before <paramref name="until"/> ("" = unbounded;
    /// times as stored, fixed-width UTC, so they compare as text).
    /// </summary>
    public ValueTask<IReadOnlyList<AuditRow>> ListAsync(string scopePrefix, string action, long beforeSeq, int limit, CancellationToken cancellationToken,
        DateTimeOffset? since = null, DateTimeOffset? until = null) =>
        database.RunAsync<IReadOnlyList<AuditRow>>(async (connection, token) =>
        {
            var sql = $"""
                SELECT seq, at, caller, role, action, target, jurisdiction, detail, outcome, address FROM audit_log
                WHERE jurisdiction LIKE @Prefix AND (@Action = '' OR action = @Action) AND (@Before = 0 OR seq < @Before)
                    AND (@Since IS NULL OR at >= @Since) AND (@Until IS NULL OR at < @Until)
                ORDER BY seq DESC {database.Dialect.Limit("Limit")}
                """;
            var parameters = new
            {
                Prefix = CodePrefix.LikePattern(scopePrefix), Action = action, Before = beforeSeq, Limit = limit, Since = since, Until = until,
            };
            return (await connection.QueryAsync<AuditRow>(new CommandDefinition(sql, parameters, cancellationToken: token))).AsList();
        }, cancellationToken);
}

public sealed class AuditRow
{
    public long Seq { get; set; }
    public DateTimeOffset At { get; set; }
    public string Caller { get; set; } = "";
    public string Role { get; set; } = "";
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string Jurisdiction { get; set; } = "";
    public string Detail { get; set; } = "";
    public string Outcome { get; set; } = AuditOutcomes.Ok;
    public string Address { get; set; } = "";
}

/// <summary>How a change an audit entry records ended.</summary>
public static class AuditOutcomes
{
    public const string Ok = "ok";

    /// <summary>Part was stored before the change failed or was cancelled; the detail says how much.</summary>
    public const string Partial = "partial";

    public const string Failed = "failed";
}
