using System.Data.Common;
using System.Text;
using Dapper;
using Oversight.Storage;

namespace Oversight.Metrics.Storage;

/// <summary>The metrics database: analyses and their values. Plain SQL, parameterised; scope filters from fixed fragments.</summary>
public sealed class MetricStore(Database database)
{
    private const string AnalysisColumns = "report_id, revision, is_current, jurisdiction_code, parent_code, level, report_year, catalog_version, value_count, analyzed_at";

    private const string ValueColumns = "report_id, revision, ordinal, indicator, value, value_upper, unit, qualifier, raw_text, section_path, span_start, span_length, excerpt, used_in_aggregate, is_current, jurisdiction_code, parent_code, level, report_year";

    /// <summary>One analysis; revision 0 means the current one.</summary>
    public ValueTask<AnalysisRow?> GetAnalysisAsync(string reportId, int revision, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            var sql = revision == 0
                ? $"SELECT {AnalysisColumns} FROM analyses WHERE report_id = @ReportId AND is_current = 1"
                : $"SELECT {AnalysisColumns} FROM analyses WHERE report_id = @ReportId AND revision = @Revision";
            return connection.QuerySingleOrDefaultAsync<AnalysisRow?>(new CommandDefinition(sql, new { ReportId = reportId, Revision = revision }, cancellationToken: token));
        }, cancellationToken);

    public ValueTask<IReadOnlyList<ValueRow>> GetValuesAsync(string reportId, int revision, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<ValueRow>>(async (connection, token) =>
        {
            const string Sql = $"SELECT {ValueColumns} FROM metric_values WHERE report_id = @ReportId AND revision = @Revision ORDER BY ordinal";
            return (await connection.QueryAsync<ValueRow>(new CommandDefinition(Sql, new { ReportId = reportId, Revision = revision }, cancellationToken: token)).ConfigureAwait(false)).AsList();
        }, cancellationToken);

    /// <summary>
    /// Replaces one revision's analysis and values in one transaction, so a re-analysis never duplicates values.
    /// The newest analysed revision of a report is its current one; older ones stop counting in aggregates.
    /// Returns whether the revision is current.
    /// </summary>
    public ValueTask<bool> SaveAsync(AnalysisRow analysis, IReadOnlyList<ValueRow> values, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            var key = new { analysis.ReportId, analysis.Revision };
            const string Newest = "SELECT MAX(revision) FROM analyses WHERE report_id = @ReportId";
            var newest = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(Newest, key, transaction, cancellationToken: token)).ConfigureAwait(false);
            var current = newest is null || analysis.Revision >= newest;
            analysis.IsCurrent = current;

            const string DeleteValues = "DELETE FROM metric_values WHERE report_id = @ReportId AND revision = @Revision";
            const string DeleteAnalysis = "DELETE FROM analyses WHERE report_id = @ReportId AND revision = @Revision";
            await connection.ExecuteAsync(new CommandDefinition(DeleteValues, key, transaction, cancellationToken: token)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(DeleteAnalysis, key, transaction, cancellationToken: token)).ConfigureAwait(false);
            if (current)
            {
                const string RetireAnalyses = "UPDATE analyses SET is_current = 0 WHERE report_id = @ReportId AND is_current = 1";
                const string RetireValues = "UPDATE metric_values SET is_current = 0 WHERE report_id = @ReportId AND is_current = 1";
                await connection.ExecuteAsync(new CommandDefinition(RetireAnalyses, key, transaction, cancellationToken: token)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(RetireValues, key, transaction, cancellationToken: token)).ConfigureAwait(false);
            }

            const string InsertAnalysis = $"""
                INSERT INTO analyses ({AnalysisColumns})
                VALUES (@ReportId, @Revision, @IsCurrent, @JurisdictionCode, @ParentCode, @Level, @ReportYear, @CatalogVersion, @ValueCount, @AnalyzedAt)
                """;
            await connection.ExecuteAsync(new CommandDefinition(InsertAnalysis, analysis, transaction, cancellationToken: token)).ConfigureAwait(false);
            foreach (var value in values)
            {
                value.IsCurrent = current;
            }
            const string InsertValue = $"""
                INSERT INTO metric_values ({ValueColumns})
                VALUES (@ReportId, @Revision, @Ordinal, @Indicator, @Value, @ValueUpper, @Unit, @Qualifier, @RawText, @SectionPath, @SpanStart, @SpanLength, @Excerpt,
                        @UsedInAggregate, @IsCurrent, @JurisdictionCode, @ParentCode, @Level, @ReportYear)
                """;
            if (values.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertValue, values, transaction, cancellationToken: token)).ConfigureAwait(false);
            }
            return current;
        }, cancellationToken);

    /// <summary>Sums per group and indicator over the values aggregates use, and current reports per group.</summary>
    public ValueTask<(IReadOnlyList<AggregateSums> Sums, IReadOnlyList<GroupCount> Counts)> AggregateAsync(ValueScope scope, Grouping grouping, CancellationToken cancellationToken) =>
        database.RunAsync<(IReadOnlyList<AggregateSums>, IReadOnlyList<GroupCount>)>(async (connection, token) =>
        {
            var key = GroupColumn(grouping);
            var parameters = Parameters(scope);
            var sums = $"""
                SELECT {key} AS group_key, indicator, SUM(value) AS total, MIN(value) AS smallest, MAX(value) AS largest, COUNT(*) AS stating
                FROM metric_values
                WHERE used_in_aggregate = 1 AND is_current = 1{Where(scope, withIndicators: true)}
                GROUP BY {key}, indicator
                """;
            var counts = $"""
                SELECT {key} AS group_key, COUNT(*) AS reports
                FROM analyses
                WHERE is_current = 1{Where(scope, withIndicators: false)}
                GROUP BY {key}
                """;
            var sumRows = (await connection.QueryAsync<AggregateSums>(new CommandDefinition(sums, parameters, cancellationToken: token)).ConfigureAwait(false)).AsList();
            var countRows = (await connection.QueryAsync<GroupCount>(new CommandDefinition(counts, parameters, cancellationToken: token)).ConfigureAwait(false)).AsList();
            return (sumRows, countRows);
        }, cancellationToken);

    /// <summary>One jurisdiction's current analyses and the values aggregates use, across years.</summary>
    public ValueTask<(IReadOnlyList<int> Years, IReadOnlyList<ValueRow> Values)> YearsAsync(string jurisdictionCode, int fromYear, int toYear, CancellationToken cancellationToken) =>
        database.RunAsync<(IReadOnlyList<int>, IReadOnlyList<ValueRow>)>(async (connection, token) =>
        {
            var parameters = new { Code = jurisdictionCode, From = fromYear == 0 ? int.MinValue : fromYear, To = toYear == 0 ? int.MaxValue : toYear };
            const string YearsSql = """
                SELECT DISTINCT report_year FROM analyses
                WHERE is_current = 1 AND jurisdiction_code = @Code AND report_year >= @From AND report_year <= @To
                ORDER BY report_year
                """;
            const string ValuesSql = $"""
                SELECT {ValueColumns} FROM metric_values
                WHERE used_in_aggregate = 1 AND is_current = 1 AND jurisdiction_code = @Code AND report_year >= @From AND report_year <= @To
                ORDER BY report_year, indicator
                """;
            var years = (await connection.QueryAsync<int>(new CommandDefinition(YearsSql, parameters, cancellationToken: token)).ConfigureAwait(false)).AsList();
            var values = (await connection.QueryAsync<ValueRow>(new CommandDefinition(ValuesSql, parameters, cancellationToken: token)).ConfigureAwait(false)).AsList();
            return (years, values);
        }, cancellationToken);

    /// <summary>A page of values in (report, revision, ordinal) order, after the given key.</summary>
    public ValueTask<IReadOnlyList<ValueRow>> ExportPageAsync(ValueScope scope, (string ReportId, int Revision, int Ordinal) after, int limit, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<ValueRow>>(async (connection, token) =>
        {
            var parameters = Parameters(scope);
            parameters.Add("AfterReport", after.ReportId);
            parameters.Add("AfterRevision", after.Revision);
            parameters.Add("AfterOrdinal", after.Ordinal);
            parameters.Add("Limit", limit);
            var current = scope.IncludeSuperseded ? "1 = 1" : "is_current = 1";
            var sql = $"""
                SELECT {ValueColumns} FROM metric_values
                WHERE {current}{Where(scope, withIndicators: true)}
                  AND (report_id > @AfterReport OR (report_id = @AfterReport AND (revision > @AfterRevision OR (revision = @AfterRevision AND ordinal > @AfterOrdinal))))
                ORDER BY report_id, revision, ordinal {database.Dialect.Limit("Limit")}
                """;
            return (await connection.QueryAsync<ValueRow>(new CommandDefinition(sql, parameters, cancellationToken: token)).ConfigureAwait(false)).AsList();
        }, cancellationToken);

    /// <summary>Analyses made with another catalog version than <paramref name="catalogVersion"/>, current ones first.</summary>
    public ValueTask<IReadOnlyList<AnalysisRow>> StaleAsync(string catalogVersion, int limit, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<AnalysisRow>>(async (connection, token) =>
        {
            var sql = $"""
                SELECT {AnalysisColumns} FROM analyses WHERE catalog_version <> @Version
                ORDER BY is_current DESC, report_id, revision {database.Dialect.Limit("Limit")}
                """;
            return (await connection.QueryAsync<AnalysisRow>(new CommandDefinition(sql, new { Version = catalogVersion, Limit = limit }, cancellationToken: token)).ConfigureAwait(false)).AsList();
        }, cancellationToken);

    // Column names come from this switch, never from a caller.
    private static string GroupColumn(Grouping grouping) => grouping switch
    {
        Grouping.Jurisdiction => "jurisdiction_code",
        Grouping.Parent => "parent_code",
        Grouping.Level => "level",
        Grouping.Year => "CAST(report_year AS VARCHAR(4))",
        _ => "''",
    };

    private static string Where(ValueScope scope, bool withIndicators)
    {
        var where = new StringBuilder();
        if (scope.ReportYear != 0)
        {
            where.Append(" AND report_year = @Year");
        }
        if (scope.JurisdictionPrefix.Length > 0)
        {
            where.Append(" AND jurisdiction_code LIKE @Prefix");
        }
        if (scope.Level.Length > 0)
        {
            where.Append(" AND level = @Level");
        }
        if (withIndicators && scope.Indicators.Count > 0)
        {
            where.Append(" AND indicator IN @Indicators");
        }
        return where.ToString();
    }

    private static DynamicParameters Parameters(ValueScope scope)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Year", scope.ReportYear);
        parameters.Add("Prefix", scope.JurisdictionPrefix + "%");
        parameters.Add("Level", scope.Level);
        parameters.Add("Indicators", scope.Indicators);
        return parameters;
    }
}
