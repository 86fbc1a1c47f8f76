using Dapper;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Storage;
using Oversight.Storage;
using Oversight.Storage.Migrations;
using Oversight.Testing;

namespace Oversight.Ingestion.Tests;

/// <summary>
/// Revisions stored with the schema before the summary columns (migration 3) read back the same after the migrations:
/// the fill gives them the columns from their metadata (an empty report type as rule_of_law), and nothing else changes.
/// </summary>
public abstract class SummaryColumnsMigrationSuite<TDatabase> : IAsyncLifetime
    where TDatabase : ITestDatabase, new()
{
    private const string SubmittedAt = "2024-03-05T06:07:08.1234567Z";
    private const string PublishedAt = "2024-02-29T16:00:00.0000000Z";
    private readonly TDatabase _dialect = new();
    private Database _database = null!;

    public async Task InitializeAsync() => _database = await _dialect.CreateAsync("ingestion.db");

    public Task DisposeAsync() => _dialect.DropAsync();

    [DatabaseFact]
    public async Task Migrate_RowsOfTheOldSchema_ColumnsFilledFromTheMetadataAndTheRestUnchanged()
    {
        await MigrationRunner.ApplyAsync(_database, typeof(ReportStore).Assembly, 3, CancellationToken.None);
        var untyped = Metadata("140225", "浑源县人民政府", "");
        var disclosure = Metadata("140226", "浑源县司法局、浑源县人民政府", "information_disclosure");
        await StoreOldAsync("a", 1, untyped);
        await StoreOldAsync("b", 1, disclosure);

        var version = await MigrationRunner.ApplyAsync(_database, typeof(ReportStore).Assembly, CancellationToken.None);

        Assert.Equal(MigrationRunner.Discover(typeof(ReportStore).Assembly, _database.Dialect.Name)[^1].Version, version);
        var store = new ReportStore(_database);
        var listed = await store.ListAsync(new RevisionFilter("", 0, "", null, null, false), 0, 10, CancellationToken.None);
        Assert.Equal(
            [("a", "浑源县人民政府", "浑源县", "resolved", "rule_of_law"), ("b", "浑源县司法局、浑源县人民政府", "浑源县", "resolved", "information_disclosure")],
            listed.Select(r => (r.ReportId, r.Issuer, r.JurisdictionName, r.JurisdictionResolution, r.ReportType)));
        Assert.All(listed, r => Assert.Equal((SqlTime.Parse(SubmittedAt), SqlTime.Parse(PublishedAt), true), (r.SubmittedAt, r.PublishedAt, r.IsCurrent)));
        var keys = await store.ListAsync(new RevisionFilter("", 0, "", null, null, false), 0, 10, keysOnly: true, CancellationToken.None);
        Assert.Equal(["rule_of_law", "information_disclosure"], keys.Select(r => r.ReportType));
        var whole = await store.GetAsync("a", 0, RevisionParts.Outline | RevisionParts.Content | RevisionParts.Texts, CancellationToken.None);
        Assert.NotNull(whole);
        Assert.Equal(untyped.ToByteArray(), whole.Metadata);
        Assert.Equal((SqlTime.Parse(SubmittedAt), SqlTime.Parse(PublishedAt), "text/plain", "utf-8", false),
            (whole.SubmittedAt, whole.PublishedAt, whole.ContentType, whole.Charset, whole.Forced));
        Assert.Equal([7], whole.Outline);
        Assert.Equal([8, 9], whole.OriginalContent);
        Assert.Equal(("原文", "正文"), (whole.OriginalText, whole.NormalizedText));
    }

    private static ReportMetadata Metadata(string code, string issuer, string type)
    {
        var metadata = new ReportMetadata
        {
            Title = "浑源县2023年法治政府建设年度报告", Issuer = issuer, JurisdictionCode = code, JurisdictionName = "浑源县",
            JurisdictionResolution = "resolved", Level = "county", ReportYear = 2023, ReportType = type,
            PublishedAt = Timestamp.FromDateTimeOffset(SqlTime.Parse(PublishedAt)),
        };
        metadata.JurisdictionSignals.Add(new JurisdictionSignal { Source = "title", Organization = "浑源县", Name = "浑源县" });
        return metadata;
    }

    // As the service stored a revision before migration 4: every column of migration 1, none of the summary ones.
    private Task StoreOldAsync(string reportId, int revision, ReportMetadata metadata) =>
        _database.RunAsync(async (connection, token) =>
        {
            const string Report = """
                INSERT INTO reports (report_id, identity_key, jurisdiction_code, report_year, current_revision, created_at)
                VALUES (@ReportId, @ReportId, @Code, 2023, @Revision, @SubmittedAt)
                """;
            const string Revision = """
                INSERT INTO report_revisions (report_id, revision, content_hash, jurisdiction_code, report_year, level, published_at, title,
                    source_url, content_type, charset, submitted_by, submitted_at, forced, section_kinds, metadata, outline,
                    original_content, original_text, normalized_text)
                VALUES (@ReportId, @Revision, @ReportId, @Code, 2023, 'county', @PublishedAt, @Title,
                    NULL, 'text/plain', 'utf-8', 'tester', @SubmittedAt, @Forced, 'measures', @Metadata, @Outline,
                    @Content, '原文', '正文')
                """;
            var values = new
            {
                ReportId = reportId, Revision = revision, Code = metadata.JurisdictionCode, metadata.Title, SubmittedAt, PublishedAt,
                Forced = false, Metadata = metadata.ToByteArray(), Outline = new byte[] { 7 }, Content = new byte[] { 8, 9 },
            };
            await connection.ExecuteAsync(new CommandDefinition(Report, values, cancellationToken: token));
            return await connection.ExecuteAsync(new CommandDefinition(Revision, values, cancellationToken: token));
        }, CancellationToken.None).AsTask();
}

public sealed class SqliteSummaryColumnsMigrationTests : SummaryColumnsMigrationSuite<SqliteDatabase>;

[RequiresEnvironment(SqlServerTestDatabase.Variable)]
public sealed class SqlServerSummaryColumnsMigrationTests : SummaryColumnsMigrationSuite<SqlServerDatabase>;

[RequiresEnvironment(PostgresTestDatabase.Variable)]
public sealed class PostgresSummaryColumnsMigrationTests : SummaryColumnsMigrationSuite<PostgresDatabase>;
