using System.Data.Common;
using Dapper;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Storage;
using Oversight.Storage.Dialects;
using Oversight.Storage.Migrations;

namespace Oversight.Ingestion.Migrations;

/// <summary>
/// Migration 4's values for the revisions stored before it: the summary columns read from each row's metadata
/// message, which SQL cannot parse; a row without a report type gets rule_of_law. A few hundred rows a statement.
/// </summary>
internal sealed class SummaryColumnsFill : IMigrationFill
{
    private const int Batch = 500;

    public int Version => 4;

    public async Task FillAsync(DbConnection connection, DbTransaction transaction, ISqlDialect dialect, CancellationToken cancellationToken)
    {
        var select = $"SELECT seq, metadata FROM report_revisions WHERE seq > @After ORDER BY seq {dialect.Limit("Limit")}";
        const string Update = """
            UPDATE report_revisions
            SET issuer = @Issuer, jurisdiction_name = @JurisdictionName, jurisdiction_resolution = @JurisdictionResolution, report_type = @ReportType
            WHERE seq = @Seq
            """;
        long after = 0;
        while (true)
        {
            var rows = (await connection.QueryAsync<(long Seq, byte[] Metadata)>(
                new CommandDefinition(select, new { After = after, Limit = Batch }, transaction,
                    cancellationToken: cancellationToken))).AsList();
            if (rows.Count == 0)
            {
                return;
            }
            var values = rows.Select(row =>
            {
                var header = RevisionHeader.Of(ReportMetadata.Parser.ParseFrom(row.Metadata));
                return new { row.Seq, header.Issuer, header.JurisdictionName, header.JurisdictionResolution, header.ReportType };
            });
            await connection.ExecuteAsync(new CommandDefinition(Update, values, transaction, cancellationToken: cancellationToken));
            after = rows[^1].Seq;
        }
    }
}
