using System.Text.RegularExpressions;
using Oversight.Storage.Migrations;
using Xunit;

namespace Oversight.Testing;

/// <summary>
/// No SQL Server runs here, so its migration files are checked against the SQLite ones that do run (as are the
/// PostgreSQL ones, which also run in CI): the same tables, columns and indexes, and none of another dialect's syntax.
/// One sealed subclass per service.
/// </summary>
public abstract partial class MigrationDialectSuite
{
    private static readonly HashSet<string> ConstraintWords = ["primary", "constraint", "foreign", "unique", "check"];

    /// <summary>The service assembly that embeds Migrations/{dialect}/NNNN_name.sql.</summary>
    protected abstract System.Reflection.Assembly Assembly { get; }

    [Theory]
    [InlineData("sqlserver")]
    [InlineData("postgresql")]
    public void Migrations_ServerDialect_SameVersionsTablesColumnsAndIndexesAsSqlite(string dialect)
    {
        var sqlite = MigrationRunner.Discover(Assembly, "sqlite");
        var server = MigrationRunner.Discover(Assembly, dialect);

        Assert.Equal(sqlite.Select(m => (m.Version, m.Name)), server.Select(m => (m.Version, m.Name)));
        Assert.Equal(Shape(sqlite), Shape(server));
        Assert.NotEmpty(Shape(sqlite));
    }

    [Fact]
    public void Migrations_EachDialect_NoSyntaxOfTheOther()
    {
        var sqlServer = string.Join('\n', MigrationRunner.Discover(Assembly, "sqlserver").SelectMany(m => m.Batches));
        var sqlite = string.Join('\n', MigrationRunner.Discover(Assembly, "sqlite").SelectMany(m => m.Batches));

        foreach (var sqliteOnly in new[] { "AUTOINCREMENT", " BLOB", " TEXT", "IF NOT EXISTS", "INTEGER PRIMARY KEY" })
        {
            Assert.DoesNotContain(sqliteOnly, sqlServer, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var sqlServerOnly in new[] { "IDENTITY(", "NVARCHAR", "VARBINARY", " BIT ", "\nGO" })
        {
            Assert.DoesNotContain(sqlServerOnly, sqlite, StringComparison.OrdinalIgnoreCase);
        }
        var postgres = string.Join('\n', MigrationRunner.Discover(Assembly, "postgresql").SelectMany(m => m.Batches));
        foreach (var other in new[] { "AUTOINCREMENT", " BLOB", "IDENTITY(", "NVARCHAR", "VARBINARY", " BIT ", "\nGO", " REAL" })
        {
            Assert.DoesNotContain(other, postgres, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static List<string> Shape(IReadOnlyList<Migration> migrations)
    {
        var shape = new List<string>();
        foreach (var batch in migrations.SelectMany(m => m.Batches))
        {
            foreach (Match table in CreateTable().Matches(batch))
            {
                var columns = Column().Matches(table.Groups["body"].Value).Select(c => c.Groups[1].Value.ToLowerInvariant()).Where(c =>
                    !ConstraintWords.Contains(c));
                shape.Add($"table {table.Groups["name"].Value}: {string.Join(',', columns)}");
            }
            foreach (Match index in CreateIndex().Matches(batch))
            {
                var columns = index.Groups[4].Success ? $"{index.Groups[3].Value},{index.Groups[4].Value}" : index.Groups[3].Value;
                shape.Add($"index {index.Groups[1].Value} on {index.Groups[2].Value}({Regex.Replace(columns, @"\s", "")})");
            }
        }
        return shape.Order(StringComparer.Ordinal).ToList();
    }

    // SQLite's clustered tables end "\n) WITHOUT ROWID;"; the servers cluster by primary key without saying so.
    [GeneratedRegex(@"CREATE TABLE (?<name>\w+) \((?<body>.*?)\n\)( WITHOUT ROWID)?;", RegexOptions.Singleline)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"^\s{4}(\w+) ", RegexOptions.Multiline)]
    private static partial Regex Column();

    // A server's INCLUDE columns compare as trailing key columns: SQLite covers a query only by putting them in the key.
    [GeneratedRegex(@"CREATE INDEX (\w+) ON (\w+) \(([^)]*)\)(?:\s*INCLUDE\s*\(([^)]*)\))?")]
    private static partial Regex CreateIndex();
}
