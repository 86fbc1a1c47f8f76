using Dapper;
using Oversight.Access;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Storage;

namespace Oversight.Ingestion.Counting;

/// <summary>
/// CountReports' query: the current reports of one year in a code range, read through reports' index on (report_year,
/// jurisdiction_code) and each report's current revision by its key, so a province's year costs its own few thousand rows
/// and not a walk past every year's (StreamReports pages in submission order, which an index on the year cannot serve).
/// </summary>
public sealed class ReportCounts(Database database)
{
    // A report's code and year are those of its identity, the same in every revision; the type is the revision's
    // report_type column (filled from the metadata by ingestion migration 0004, the default type where it had none).
    private const string Select = """
        SELECT r.jurisdiction_code, v.report_type
        FROM reports r JOIN report_revisions v ON v.report_id = r.report_id AND v.revision = r.current_revision
        WHERE r.report_year = @Year
        """;

    // Codes are digits up to the division and a department's suffix after it, so a digits-only prefix is the range
    // [prefix, prefix with its last digit raised): an index range on every dialect, where LIKE would not be one on SQLite.
    private const string InRange = Select + " AND r.jurisdiction_code >= @From AND r.jurisdiction_code < @To";

    /// <summary>The request checked (<see cref="CountRequests"/>) and answered: nothing counted for a prefix outside the caller's scope.</summary>
    public async Task<CountReportsResponse> AnswerAsync(CountReportsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var response = new CountReportsResponse();
        if (CountRequests.Validate(request, caller) is { } prefix)
        {
            response.Counts.AddRange(await CountAsync(prefix, request.ReportYear, request.GroupLength, cancellationToken));
        }
        return response;
    }

    /// <summary>The counts per group and type, ordered by group then type; <paramref name="prefix"/> already inside the caller's scope.</summary>
    public ValueTask<IReadOnlyList<ReportCount>> CountAsync(string prefix, int year, int groupLength, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<ReportCount>>(async (connection, token) =>
        {
            var sql = prefix.Length == 0 ? Select : InRange;
            var parameters = new { Year = year, From = prefix, To = prefix.Length == 0 ? "" : prefix[..^1] + (char)(prefix[^1] + 1) };
            var counts = new Dictionary<(string Group, string Type), long>();
            var rows = await connection.QueryAsync<(string Code, string Type)>(new CommandDefinition(sql, parameters, cancellationToken: token));
            foreach (var (code, type) in rows)
            {
                var key = (GroupOf(code, groupLength), type);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
            return [.. counts.OrderBy(c => c.Key.Group, StringComparer.Ordinal).ThenBy(c => c.Key.Type, StringComparer.Ordinal)
                .Select(c => new ReportCount { JurisdictionPrefix = c.Key.Group, ReportType = c.Key.Type, Count = c.Value })];
        }, cancellationToken);

    /// <summary>The group a body counts in: its division's first <paramref name="length"/> digits (a department "140225-sfj" is 140225's).</summary>
    public static string GroupOf(string code, int length)
    {
        if (length == 0)
        {
            return code;
        }
        var division = code.Split('-')[0];
        return division.Length > length ? division[..length] : division;
    }
}
