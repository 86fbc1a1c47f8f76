using System.Data;
using System.Data.Common;
using Oversight.Storage;

namespace Oversight.Ingestion.Storage;

/// <summary>
/// A listing's rows read by position into <see cref="RevisionRow"/>s, without Dapper: a page of summaries is the call city
/// systems make most, and Dapper's per-row boxing and type handlers cost it about a fifth of its time. The columns are
/// ReportStore's summary or key columns, in their order.
/// </summary>
internal static class SummaryRows
{
    /// <summary>Rows made into <typeparamref name="T"/> by <paramref name="made"/>, which may know a row by its position and current flag.</summary>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(DbCommand command, IListedRows<T> made, int capacity, CancellationToken cancellationToken)
        where T : class
    {
        var items = new List<T>(capacity);
        // Not sequential: a known row's position and flag are read before the columns that come between them.
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(made.Known(Whole(reader, 0), Flag(reader, 3)) is { } known ? known : made.Make(Summary(reader)));
        }
        return items;
    }

    /// <summary>
    /// What <paramref name="made"/> knows of each row of a page of positions and current flags (seq, is_current); null as
    /// soon as one is not known.
    /// </summary>
    public static async Task<IReadOnlyList<T>?> KnownAsync<T>(DbCommand command, IListedRows<T> made, int capacity, CancellationToken cancellationToken)
        where T : class
    {
        var items = new List<T>(capacity);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (made.Known(Whole(reader, 0), Flag(reader, 1)) is not { } known)
            {
                return null;
            }
            items.Add(known);
        }
        return items;
    }

    public static async Task<IReadOnlyList<RevisionRow>> ReadAsync(DbCommand command, bool keysOnly, int capacity, CancellationToken cancellationToken)
    {
        var rows = new List<RevisionRow>(capacity);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(keysOnly ? Keys(reader) : Summary(reader));
        }
        return rows;
    }

    // seq, report_id, revision, is_current, jurisdiction_code, report_year, level, report_type
    private static RevisionRow Keys(DbDataReader reader) => new()
    {
        Seq = Whole(reader, 0),
        ReportId = reader.GetString(1),
        Revision = (int)Whole(reader, 2),
        IsCurrent = Flag(reader, 3),
        JurisdictionCode = TextOrNull(reader, 4),
        ReportYear = reader.IsDBNull(5) ? null : (int)Whole(reader, 5),
        Level = TextOrNull(reader, 6),
        ReportType = reader.GetString(7),
    };

    // seq, report_id, revision, is_current, content_hash, jurisdiction_code, report_year, level, published_at, title, source_url,
    // submitted_by, submitted_at, section_kinds, issuer, jurisdiction_name, jurisdiction_resolution, report_type, fetch_evidence
    private static RevisionRow Summary(DbDataReader reader) => new()
    {
        Seq = Whole(reader, 0),
        ReportId = reader.GetString(1),
        Revision = (int)Whole(reader, 2),
        IsCurrent = Flag(reader, 3),
        ContentHash = reader.GetString(4),
        JurisdictionCode = TextOrNull(reader, 5),
        ReportYear = reader.IsDBNull(6) ? null : (int)Whole(reader, 6),
        Level = TextOrNull(reader, 7),
        PublishedAt = SqlTime.ParseOrNull(TextOrNull(reader, 8)),
        Title = reader.GetString(9),
        SourceUrl = TextOrNull(reader, 10),
        SubmittedBy = reader.GetString(11),
        SubmittedAt = SqlTime.Parse(reader.GetString(12)),
        SectionKinds = reader.GetString(13),
        Issuer = reader.GetString(14),
        JurisdictionName = reader.GetString(15),
        JurisdictionResolution = reader.GetString(16),
        ReportType = reader.GetString(17),
        FetchEvidence = reader.IsDBNull(18) ? null : (byte[])reader.GetValue(18),
    };

    private static string? TextOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    // A 0/1 integer on every dialect (see FlagHandler).
    private static bool Flag(DbDataReader reader, int ordinal) => Whole(reader, ordinal) != 0;

    // Whole numbers are INTEGER on SQLite, BIGINT or INT on PostgreSQL and INT or BIGINT on SQL Server, whose reader will not widen.
    private static long Whole(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(int) ? reader.GetInt32(ordinal) : reader.GetInt64(ordinal);
}
