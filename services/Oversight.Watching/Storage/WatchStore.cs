using Dapper;
using Oversight.Contracts.Watching.V1;
using Oversight.Storage;

namespace Oversight.Watching.Storage;

/// <summary>A report article as the watcher last saw and submitted it.</summary>
public sealed class ArticleRow
{
    public string Url { get; set; } = "";
    public string BodyCode { get; set; } = "";
    public string ReportType { get; set; } = "";
    public int ReportYear { get; set; }
    public string Title { get; set; } = "";
    public string? Etag { get; set; }
    public string? LastModified { get; set; }
    public string? ContentSha256 { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastFetchedAt { get; set; }
    public string? ReportId { get; set; }
    public int Revision { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A list page's validators and the links it held ("title\taddress" lines).</summary>
public sealed record ListRow(string Url, string? Etag, string? LastModified, string Links);

/// <summary>A host's recorded failures: how many in a row, the last error, and when to try again.</summary>
public sealed class HostRow
{
    public string Host { get; set; } = "";
    public int Failures { get; set; }
    public string Error { get; set; } = "";
    public DateTimeOffset RetryAfter { get; set; }
}

/// <summary>The watcher's own database: articles, list pages, failing hosts and passes.</summary>
public sealed class WatchStore(Database database)
{
    private const string ArticleColumns = """
        url, body_code, report_type, report_year, title, etag, last_modified, content_sha256, first_seen_at, last_fetched_at, report_id, revision, last_error
        """;

    public ValueTask<ArticleRow?> GetArticleAsync(string url, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            const string Sql = $"SELECT {ArticleColumns} FROM watched_articles WHERE url = @Url";
            return await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(Sql, new { Url = url }, cancellationToken: token));
        }, cancellationToken);

    /// <summary>Writes the article's row, the first sighting kept as it was first written.</summary>
    public async Task SaveArticleAsync(ArticleRow row, CancellationToken cancellationToken) =>
        await database.InTransactionAsync(async (connection, transaction, token) =>
        {
            const string Update = """
                UPDATE watched_articles SET body_code = @BodyCode, report_type = @ReportType, report_year = @ReportYear, title = @Title, etag = @Etag,
                  last_modified = @LastModified, content_sha256 = @ContentSha256, last_fetched_at = @LastFetchedAt, report_id = @ReportId,
                  revision = @Revision, last_error = @LastError
                WHERE url = @Url
                """;
            const string Insert = $"""
                INSERT INTO watched_articles ({ArticleColumns}) VALUES (@Url, @BodyCode, @ReportType, @ReportYear, @Title, @Etag, @LastModified,
                  @ContentSha256, @FirstSeenAt, @LastFetchedAt, @ReportId, @Revision, @LastError)
                """;
            if (await connection.ExecuteAsync(new CommandDefinition(Update, row, transaction, cancellationToken: token)) == 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(Insert, row, transaction, cancellationToken: token));
            }
            return 0;
        }, cancellationToken);

    public ValueTask<ListRow?> GetListAsync(string url, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            const string Sql = "SELECT url, etag, last_modified, links FROM watched_lists WHERE url = @Url";
            var row = await connection.QuerySingleOrDefaultAsync<(string Url, string? Etag, string? LastModified, string Links)?>(
                new CommandDefinition(Sql, new { Url = url }, cancellationToken: token));
            return row is { } r ? new ListRow(r.Url, r.Etag, r.LastModified, r.Links) : null;
        }, cancellationToken);

    public async Task SaveListAsync(ListRow row, DateTimeOffset fetchedAt, CancellationToken cancellationToken) =>
        await database.InTransactionAsync(async (connection, transaction, token) =>
        {
            const string Update = """
                UPDATE watched_lists SET etag = @Etag, last_modified = @LastModified, links = @Links, fetched_at = @FetchedAt
                WHERE url = @Url
                """;
            const string Insert = """
                INSERT INTO watched_lists (url, etag, last_modified, links, fetched_at)
                VALUES (@Url, @Etag, @LastModified, @Links, @FetchedAt)
                """;
            var parameters = new { row.Url, row.Etag, row.LastModified, row.Links, FetchedAt = fetchedAt };
            if (await connection.ExecuteAsync(new CommandDefinition(Update, parameters, transaction, cancellationToken: token)) == 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(Insert, parameters, transaction, cancellationToken: token));
            }
            return 0;
        }, cancellationToken);

    /// <summary>Every host's recorded failures (hosts that succeed again are removed).</summary>
    public ValueTask<IReadOnlyList<HostRow>> HostsAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<HostRow>>(async (connection, token) =>
        {
            const string Sql = """
                SELECT host, consecutive_failures AS failures, last_error AS error, retry_after
                FROM watch_hosts ORDER BY host
                """;
            return (await connection.QueryAsync<HostRow>(new CommandDefinition(Sql, cancellationToken: token))).AsList();
        }, cancellationToken);

    public async Task SaveHostAsync(string host, int failures, string error, DateTimeOffset retryAfter, CancellationToken cancellationToken) =>
        await database.InTransactionAsync(async (connection, transaction, token) =>
        {
            const string Delete = "DELETE FROM watch_hosts WHERE host = @Host";
            const string Insert = """
                INSERT INTO watch_hosts (host, consecutive_failures, last_error, retry_after)
                VALUES (@Host, @Failures, @Error, @RetryAfter)
                """;
            await connection.ExecuteAsync(new CommandDefinition(Delete, new { Host = host }, transaction, cancellationToken: token));
            if (failures > 0)
            {
                var parameters = new { Host = host, Failures = failures, Error = error, RetryAfter = retryAfter };
                await connection.ExecuteAsync(new CommandDefinition(Insert, parameters, transaction, cancellationToken: token));
            }
            return 0;
        }, cancellationToken);

    public async Task SavePassAsync(WatchPass pass, CancellationToken cancellationToken) =>
        await database.InTransactionAsync(async (connection, transaction, token) =>
        {
            const string Delete = "DELETE FROM watch_passes WHERE pass_id = @PassId";
            const string Insert = "INSERT INTO watch_passes (pass_id, started_at, summary) VALUES (@PassId, @StartedAt, @Summary)";
            var parameters = new
            {
                pass.PassId, StartedAt = pass.StartedAt.ToDateTimeOffset(),
                Summary = Google.Protobuf.MessageExtensions.ToByteArray(pass)
            };
            await connection.ExecuteAsync(new CommandDefinition(Delete, parameters, transaction, cancellationToken: token));
            await connection.ExecuteAsync(new CommandDefinition(Insert, parameters, transaction, cancellationToken: token));
            return 0;
        }, cancellationToken);

    public ValueTask<IReadOnlyList<WatchPass>> LatestPassesAsync(int count, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<WatchPass>>(async (connection, token) =>
        {
            var sql = $"SELECT summary FROM watch_passes ORDER BY started_at DESC, pass_id DESC {database.Dialect.Limit("Limit")}";
            var rows = await connection.QueryAsync<byte[]>(new CommandDefinition(sql, new { Limit = count }, cancellationToken: token));
            return [.. rows.Select(WatchPass.Parser.ParseFrom)];
        }, cancellationToken);
}
