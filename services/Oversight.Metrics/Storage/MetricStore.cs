using System.Data.Common;
using System.Text;
using Dapper;
using Oversight.Storage;
using Oversight.Storage.Bulk;
using Oversight.Vocabulary;

namespace Oversight.Metrics.Storage;

/// <summary>The metrics database: analyses and their values. Plain SQL, parameterised; scope filters from fixed fragments.</summary>
public sealed class MetricStore(Database database)
{
    private const string AnalysisColumns = "report_id, revision, is_current, jurisdiction_code, parent_code, level, report_year, catalog_version, " +
        "value_count, analyzed_at";

    private const string ValueColumns = "report_id, revision, ordinal, indicator, value, value_upper, unit, qualifier, raw_text, section_path, span_start, " +
        "span_length, excerpt, used_in_aggregate, is_current, jurisdiction_code, parent_code, level, report_year";

    private static readonly string[] AnalysisColumnNames = AnalysisColumns.Split(", ");

    private static readonly string[] ValueColumnNames = ValueColumns.Split(", ");

    /// <summary>One analysis; revision 0 means the current one.</summary>
    public ValueTask<AnalysisRow?> GetAnalysisAsync(string reportId, int revision, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            var sql = revision == 0
                ? $"SELECT {AnalysisColumns} FROM analyses WHERE report_id = @ReportId AND revision = (SELECT MAX(revision) FROM analyses WHERE report_id = " +
                    "@ReportId)"
                : $"SELECT {AnalysisColumns} FROM analyses WHERE report_id = @ReportId AND revision = @Revision";
            return connection.QuerySingleOrDefaultAsync<AnalysisRow?>(new CommandDefinition(sql, new { ReportId = reportId, Revision = revision },
                cancellationToken: token));
        }, cancellationToken);

    public ValueTask<IReadOnlyList<ValueRow>> GetValuesAsync(string reportId, int revision, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<ValueRow>>(async (connection, token) =>
        {
            const string Sql = $"SELECT {ValueColumns} FROM metric_values WHERE report_id = @ReportId AND revision = @Revision ORDER BY ordinal";
            return (await connection.QueryAsync<ValueRow>(new CommandDefinition(Sql, new { ReportId = reportId, Revision = revision },
                cancellationToken: token))).AsList();
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
            // One writer per report, then per rollup cell: on a server two transactions that read a cell's values and
            // rewrite it must not interleave (READ COMMITTED would let each miss the other's values).
            await connection.TakeAsync(database.Dialect, transaction, ["report:" + analysis.ReportId], token);
            const string Newest = "SELECT MAX(revision) FROM analyses WHERE report_id = @ReportId";
            var newest = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(Newest, key, transaction,
                cancellationToken: token));
            var current = newest is null || analysis.Revision >= newest;
            analysis.IsCurrent = current;
            const string Previous = $"SELECT {AnalysisColumns} FROM analyses WHERE report_id = @ReportId AND revision = @Newest";
            var previous = current && newest is not null
                ? await connection.QuerySingleOrDefaultAsync<AnalysisRow>(new CommandDefinition(Previous, new { analysis.ReportId, Newest = newest },
                    transaction, cancellationToken: token))
                : null;

            await connection.TakeAsync(database.Dialect, transaction,
                previous is null ? [CellLock(analysis)] : [CellLock(analysis), CellLock(previous)], token);
            const string DeleteValues = "DELETE FROM metric_values WHERE report_id = @ReportId AND revision = @Revision";
            const string DeleteAnalysis = "DELETE FROM analyses WHERE report_id = @ReportId AND revision = @Revision";
            await connection.ExecuteAsync(new CommandDefinition(DeleteValues, key, transaction, cancellationToken: token));
            await connection.ExecuteAsync(new CommandDefinition(DeleteAnalysis, key, transaction, cancellationToken: token));
            if (current)
            {
                // Conditions on report_id and revision only, so the planner takes the report's key, never is_current's index.
                const string RetireAnalyses = "UPDATE analyses SET is_current = 0 WHERE report_id = @ReportId AND revision <> @Revision";
                const string RetireValues = "UPDATE metric_values SET is_current = 0 WHERE report_id = @ReportId AND revision <> @Revision";
                await connection.ExecuteAsync(new CommandDefinition(RetireAnalyses, key, transaction, cancellationToken: token));
                await connection.ExecuteAsync(new CommandDefinition(RetireValues, key, transaction, cancellationToken: token));
            }

            await connection.InsertAsync(database.Dialect, transaction, AnalysisTable([analysis]), token);
            foreach (var value in values)
            {
                value.IsCurrent = current;
            }
            // A report states a few dozen figures: one bulk insert, not a round trip each, on a server.
            await connection.InsertAsync(database.Dialect, transaction, ValueTable(values), token);
            if (current)
            {
                await RecomputeCellAsync(connection, transaction, analysis, token);
                if (previous is not null && Cell(previous) != Cell(analysis))
                {
                    await RecomputeCellAsync(connection, transaction, previous, token);
                }
            }
            return current;
        }, cancellationToken);

    /// <summary>Analyses as rows for a bulk insert (the load runs write their data with it too).</summary>
    public static TableRows AnalysisTable(IEnumerable<AnalysisRow> analyses)
    {
        var rows = new TableRows("analyses", AnalysisColumnNames);
        foreach (var a in analyses)
        {
            rows.Add(a.ReportId, a.Revision, a.IsCurrent, a.JurisdictionCode, a.ParentCode, a.Level, a.ReportYear, a.CatalogVersion,
                a.ValueCount, a.AnalyzedAt);
        }
        return rows;
    }

    /// <summary>Values as rows for a bulk insert.</summary>
    public static TableRows ValueTable(IEnumerable<ValueRow> values)
    {
        var rows = new TableRows("metric_values", ValueColumnNames);
        foreach (var v in values)
        {
            rows.Add(v.ReportId, v.Revision, v.Ordinal, v.Indicator, v.Value, v.ValueUpper, v.Unit, v.Qualifier, v.RawText, v.SectionPath,
                v.SpanStart, v.SpanLength, v.Excerpt, v.UsedInAggregate, v.IsCurrent, v.JurisdictionCode, v.ParentCode, v.Level, v.ReportYear);
        }
        return rows;
    }

    // A rollup cell: the reports of one year and level under one parent, within one 4-digit area.
    private static (int, string, string, string) Cell(AnalysisRow analysis) =>
        (analysis.ReportYear, analysis.Level, Area(analysis.JurisdictionCode), analysis.ParentCode);

    private static string CellLock(AnalysisRow analysis)
        => $"cell:{analysis.ReportYear}|{analysis.Level}|{Area(analysis.JurisdictionCode)}|{analysis.ParentCode}";

    private static string Area(string code) => code.Length >= 4 ? code[..4] : code;

    private static async Task RecomputeCellAsync(DbConnection connection, DbTransaction transaction, AnalysisRow analysis, CancellationToken token)
    {
        var area = Area(analysis.JurisdictionCode);
        var cell = new { Year = analysis.ReportYear, analysis.Level, Area = area, AreaLike = CodePrefix.LikePattern(area), Parent = analysis.ParentCode };
        const string ClearValues = "DELETE FROM aggregate_cells WHERE report_year = @Year AND level = @Level AND area = @Area AND parent_code = @Parent";
        const string FillValues = """
            INSERT INTO aggregate_cells (indicator, report_year, level, area, parent_code, total, smallest, largest, stating)
            SELECT indicator, report_year, level, @Area, parent_code, SUM(value), MIN(value), MAX(value), COUNT(*)
            FROM metric_values
            WHERE used_in_aggregate = 1 AND is_current = 1 AND report_year = @Year AND level = @Level AND parent_code = @Parent
                AND jurisdiction_code LIKE @AreaLike
            GROUP BY indicator, report_year, level, parent_code
            """;
        const string ClearReports = "DELETE FROM report_cells WHERE report_year = @Year AND level = @Level AND area = @Area AND parent_code = @Parent";
        const string FillReports = """
            INSERT INTO report_cells (report_year, level, area, parent_code, reports)
            SELECT report_year, level, @Area, parent_code, COUNT(*)
            FROM analyses
            WHERE is_current = 1 AND report_year = @Year AND level = @Level AND parent_code = @Parent AND jurisdiction_code LIKE @AreaLike
            GROUP BY report_year, level, parent_code
            """;
        foreach (var sql in new[] { ClearValues, FillValues, ClearReports, FillReports })
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, cell, transaction, cancellationToken: token));
        }
    }

    /// <summary>Rebuilds every rollup cell from the values in one transaction (after a bulk load or a restore).</summary>
    public ValueTask<int> RebuildRollupsAsync(CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            var area = database.Dialect.Prefix("jurisdiction_code", 4);
            var fillValues = $"""
                INSERT INTO aggregate_cells (indicator, report_year, level, area, parent_code, total, smallest, largest, stating)
                SELECT indicator, report_year, level, {area}, parent_code, SUM(value), MIN(value), MAX(value), COUNT(*)
                FROM metric_values WHERE used_in_aggregate = 1 AND is_current = 1
                GROUP BY indicator, report_year, level, {area}, parent_code
                """;
            var fillReports = $"""
                INSERT INTO report_cells (report_year, level, area, parent_code, reports)
                SELECT report_year, level, {area}, parent_code, COUNT(*)
                FROM analyses WHERE is_current = 1
                GROUP BY report_year, level, {area}, parent_code
                """;
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM aggregate_cells", transaction: transaction,
                cancellationToken: token));
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM report_cells", transaction: transaction,
                cancellationToken: token));
            var cells = await connection.ExecuteAsync(new CommandDefinition(fillValues, transaction: transaction,
                cancellationToken: token));
            await connection.ExecuteAsync(new CommandDefinition(fillReports, transaction: transaction, cancellationToken: token));
            return cells;
        }, cancellationToken);

    /// <summary>
    /// Sums per group and indicator over the values aggregates use, and current reports per group, for the groups of
    /// <paramref name="page"/>. Read from the rollup cells whenever they can answer (any grouping but by jurisdiction,
    /// a prefix of at most 4 digits), else from the values themselves, which then are few.
    /// </summary>
    public ValueTask<(IReadOnlyList<AggregateSums> Sums, IReadOnlyList<GroupCount> Counts)> AggregateAsync(ValueScope scope, Grouping grouping, GroupPage page,
        CancellationToken cancellationToken) =>
        grouping != Grouping.Jurisdiction && scope.JurisdictionPrefix.Length <= 4
            ? AggregateCellsAsync(scope, grouping, page, cancellationToken)
            : AggregateValuesAsync(scope, grouping, page, cancellationToken);

    private ValueTask<(IReadOnlyList<AggregateSums> Sums, IReadOnlyList<GroupCount> Counts)> AggregateCellsAsync(ValueScope scope, Grouping grouping,
        GroupPage page, CancellationToken cancellationToken)
    {
        var key = GroupColumn(grouping);
        var (after, upToLast, order) = KeyRange(key, page);
        // GROUP BY plain columns in an index's order, so no temporary sort: by parent (report_year, parent_code,
        // indicator), else the primary key's (indicator, report_year, …). Ungrouped needs no key column: its key
        // is the literal, which every dialect takes beside a GROUP BY.
        var (selectKey, groupBy) = grouping switch
        {
            Grouping.Parent => (key, "parent_code, indicator"),
            Grouping.Year => (key, "indicator, report_year"),
            Grouping.Level => (key, "indicator, level"),
            Grouping.None => ("''", "indicator"),
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "by jurisdiction is answered from the values"),
        };
        var sums = $"""
            SELECT {selectKey} AS group_key, indicator, SUM(total) AS total, MIN(smallest) AS smallest, MAX(largest) AS largest,
                CAST(SUM(stating) AS BIGINT) AS stating
            FROM aggregate_cells
            WHERE 1 = 1{Where(scope, withIndicators: true, codeColumn: "area")}{after}{upToLast}
            GROUP BY {groupBy}
            """;
        var counts = $"""
            SELECT {key} AS group_key, SUM(reports) AS reports
            FROM report_cells
            WHERE 1 = 1{Where(scope, withIndicators: false, codeColumn: "area")}{after}
            GROUP BY {key}{order}
            """;
        return ReadAggregateAsync(sums, counts, scope, page, cancellationToken);
    }

    internal ValueTask<(IReadOnlyList<AggregateSums> Sums, IReadOnlyList<GroupCount> Counts)> AggregateValuesAsync(ValueScope scope, Grouping grouping,
        GroupPage page, CancellationToken cancellationToken)
    {
        var key = GroupColumn(grouping);
        var (after, upToLast, order) = KeyRange(key, page);
        var sums = $"""
            SELECT {key} AS group_key, indicator, SUM(value) AS total, MIN(value) AS smallest, MAX(value) AS largest, CAST(COUNT(*) AS BIGINT) AS stating
            FROM metric_values
            WHERE used_in_aggregate = 1 AND is_current = 1{Where(scope, withIndicators: true)}{after}{upToLast}
            GROUP BY {key}, indicator
            """;
        var counts = $"""
            SELECT {key} AS group_key, COUNT(*) AS reports
            FROM analyses
            WHERE is_current = 1{Where(scope, withIndicators: false)}{after}
            GROUP BY {key}{order}
            """;
        return ReadAggregateAsync(sums, counts, scope, page, cancellationToken);
    }

    // A page's groups are those after @After, and with a limit the first @Limit in key order, up to @Last, the
    // largest key among them (known once the counts are read).
    private (string After, string UpToLast, string Order) KeyRange(string key, GroupPage page) => (
        page.After is not null ? $" AND {key} > @After" : "",
        page.Limit > 0 ? $" AND {key} <= @Last" : "",
        page.Limit > 0 ? $" ORDER BY {key} {database.Dialect.Limit("Limit")}" : "");

    // The counts come first: they name the page's groups, and the sums are then read for those groups only.
    private ValueTask<(IReadOnlyList<AggregateSums> Sums, IReadOnlyList<GroupCount> Counts)> ReadAggregateAsync(string sums, string counts, ValueScope scope,
        GroupPage page, CancellationToken cancellationToken) =>
        database.RunAsync<(IReadOnlyList<AggregateSums>, IReadOnlyList<GroupCount>)>(async (connection, token) =>
        {
            var parameters = Parameters(scope);
            parameters.Add("After", page.After ?? "");
            parameters.Add("Limit", page.Limit);
            var countRows = (await connection.QueryAsync<GroupCount>(new CommandDefinition(counts, parameters,
                cancellationToken: token))).AsList();
            if (countRows.Count == 0)
            {
                return ([], countRows);
            }
            parameters.Add("Last", countRows.Select(c => c.GroupKey).Max(StringComparer.Ordinal));
            var sumRows = await ReadSumsAsync(connection, sums, parameters, token);
            return (sumRows, countRows);
        }, cancellationToken);

    // By ordinal with typed getters: Dapper's mapping boxes every number, and a country-wide table by parent is
    // ~100,000 rows. Stating is cast to BIGINT in the SQL because each dialect types SUM and COUNT differently.
    private static async Task<List<AggregateSums>> ReadSumsAsync(DbConnection connection, string sql, DynamicParameters parameters, CancellationToken token)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: token));
        var sums = new List<AggregateSums>();
        while (await reader.ReadAsync(token))
        {
            sums.Add(new AggregateSums
            {
                GroupKey = reader.GetString(0), Indicator = reader.GetString(1), Total = reader.GetDouble(2), Smallest = reader.GetDouble(3),
                Largest = reader.GetDouble(4), Stating = checked((int)reader.GetInt64(5)),
            });
        }
        return sums;
    }

    /// <summary>One jurisdiction's current analyses and the values aggregates use, across years.</summary>
    public ValueTask<(IReadOnlyList<int> Years, IReadOnlyList<ValueRow> Values)> YearsAsync(string jurisdictionCode, int fromYear, int toYear,
        CancellationToken cancellationToken) =>
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
            var years = (await connection.QueryAsync<int>(new CommandDefinition(YearsSql, parameters,
                cancellationToken: token))).AsList();
            var values = (await connection.QueryAsync<ValueRow>(new CommandDefinition(ValuesSql, parameters,
                cancellationToken: token))).AsList();
            return (years, values);
        }, cancellationToken);

    /// <summary>A page of values in (report, revision, ordinal) order, after the given key.</summary>
    public ValueTask<IReadOnlyList<ValueRow>> ExportPageAsync(ValueScope scope, (string ReportId, int Revision, int Ordinal) after, int limit,
        CancellationToken cancellationToken) =>
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
                  AND (report_id > @AfterReport OR (report_id = @AfterReport AND (revision > @AfterRevision OR (revision = @AfterRevision
                      AND ordinal > @AfterOrdinal))))
                ORDER BY report_id, revision, ordinal {database.Dialect.Limit("Limit")}
                """;
            return (await connection.QueryAsync<ValueRow>(new CommandDefinition(sql, parameters, cancellationToken: token))).AsList();
        }, cancellationToken);

    /// <summary>Analyses made with another catalog version than <paramref name="catalogVersion"/>, current ones first.</summary>
    public ValueTask<IReadOnlyList<AnalysisRow>> StaleAsync(string catalogVersion, int limit, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<AnalysisRow>>(async (connection, token) =>
        {
            var sql = $"""
                SELECT {AnalysisColumns} FROM analyses WHERE catalog_version <> @Version
                ORDER BY is_current DESC, report_id, revision {database.Dialect.Limit("Limit")}
                """;
            return (await connection.QueryAsync<AnalysisRow>(new CommandDefinition(sql, new { Version = catalogVersion, Limit = limit },
                cancellationToken: token))).AsList();
        }, cancellationToken);

    // Column names come from this switch, never from a caller.
    // Ungrouped is one group keyed '': an expression over a column, since PostgreSQL and SQL Server refuse a constant in GROUP BY.
    private string GroupColumn(Grouping grouping) => grouping switch
    {
        Grouping.Jurisdiction => "jurisdiction_code",
        Grouping.Parent => "parent_code",
        Grouping.Level => "level",
        Grouping.Year => "CAST(report_year AS VARCHAR(4))",
        _ => database.Dialect.Prefix("level", 0),
    };

    private string Where(ValueScope scope, bool withIndicators, string codeColumn = "jurisdiction_code")
    {
        var where = new StringBuilder();
        if (scope.ReportYear != 0)
        {
            where.Append(" AND report_year = @Year");
        }
        if (scope.JurisdictionPrefix.Length > 0)
        {
            where.Append(" AND ").Append(codeColumn).Append(" LIKE @Prefix");
        }
        if (scope.Level.Length > 0)
        {
            where.Append(" AND level = @Level");
        }
        if (withIndicators && scope.Indicators.Count > 0)
        {
            where.Append(" AND ").Append(database.Dialect.In("indicator", "Indicators"));
        }
        return where.ToString();
    }

    private static DynamicParameters Parameters(ValueScope scope)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Year", scope.ReportYear);
        parameters.Add("Prefix", CodePrefix.LikePattern(scope.JurisdictionPrefix));
        parameters.Add("Level", scope.Level);
        parameters.Add("Indicators", scope.Indicators);
        return parameters;
    }
}
