using Microsoft.Data.Sqlite;
using Npgsql;
using Oversight.Storage.Connections;
using Oversight.Testing;

namespace Oversight.Benchmarks;

/// <summary>
/// Where a load run stores: SQLite files in its folder (the default), or with "--postgres CONNECTION" its own
/// databases on that PostgreSQL server, one per service as "Storage:Postgres" makes them, dropped at the end.
/// </summary>
internal sealed class BenchmarkStorage : IAsyncDisposable
{
    private const string Flag = "--postgres";

    private readonly string? _server;
    private readonly TempFolder _folder;
    private readonly string _directory;

    private BenchmarkStorage(string? server, TempFolder folder)
    {
        _folder = folder;
        _directory = folder.Path;
        if (server is not null)
        {
            // A name of its own, so a run never meets an earlier run's rows.
            _server = new NpgsqlConnectionStringBuilder(server) { Database = "bench_" + Guid.NewGuid().ToString("N")[..10] }.ConnectionString;
        }
    }

    public string Name => _server is null ? "SQLite" : "PostgreSQL";

    /// <summary>The run's own folder: SQLite files, key files; removed at the end.</summary>
    public string DataDirectory => _directory;

    /// <summary>Reads and removes "--postgres CONNECTION" from the arguments.</summary>
    public static BenchmarkStorage From(ref string[] args, TempFolder folder)
    {
        var at = Array.IndexOf(args, Flag);
        if (at < 0)
        {
            return new BenchmarkStorage(null, folder);
        }
        if (at + 1 >= args.Length)
        {
            throw new ArgumentException($"{Flag} needs a connection string, e.g. \"Host=127.0.0.1;Port=55432;Username=oversight;Password=…\".");
        }
        var server = args[at + 1];
        args = [.. args[..at], .. args[(at + 2)..]];
        return new BenchmarkStorage(server, folder);
    }

    /// <summary>The settings a host is given beside its data folder: the server, when there is one.</summary>
    public Dictionary<string, string?> Settings() => _server is null ? [] : new() { ["Storage:Postgres"] = _server };

    /// <summary>The options a service's host derives from <see cref="Settings"/>, for writing its tables directly.</summary>
    public StorageOptions For(string section, string file) => _server is null
        ? new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory, file)}" }
        : PostgresConnectionFactory.ForService(_server, section);

    /// <summary>
    /// A loaded database as a live one is within a minute or two of a load: analysed, and on a server vacuumed too, as
    /// autovacuum leaves it. Right after a load PostgreSQL's visibility map is empty (a covering index is no help) and
    /// autovacuum's first pass over the new rows would run in the middle of what is measured.
    /// </summary>
    public async Task SettleAsync(string section, string file)
    {
        var connectionString = For(section, file).ConnectionString;
        await using System.Data.Common.DbConnection connection = _server is null ? new SqliteConnection(connectionString)
            : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = _server is null ? "ANALYZE" : "VACUUM ANALYZE";
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Bytes the service's database takes: the SQLite file and its log, or the server's database size.</summary>
    public async Task<long> SizeAsync(string section, string file)
    {
        if (_server is null)
        {
            var path = Path.Combine(_directory, file);
            return new FileInfo(path).Length + (new FileInfo(path + "-wal") is { Exists: true } wal ? wal.Length : 0);
        }
        await using var connection = new NpgsqlConnection(For(section, file).ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        // The folder goes even when dropping the databases fails.
        await using var folder = _folder;
        if (_server is not null)
        {
            var builder = new NpgsqlConnectionStringBuilder(_server);
            var prefix = builder.Database + "_";
            builder.Database = "postgres";
            builder.Pooling = false;
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            var names = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, @prefix)", connection))
            {
                list.Parameters.AddWithValue("prefix", prefix);
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }
            }
            foreach (var name in names)
            {
                // Names this run made from a GUID: safe to quote as identifiers.
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }
}
