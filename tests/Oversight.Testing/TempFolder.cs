using Microsoft.Data.Sqlite;

namespace Oversight.Testing;

/// <summary>
/// A fresh folder under the temporary directory that deletes itself, with everything in it, when disposed. Dispose
/// whatever keeps files open in it (a host, a database) first: declared before them, it is disposed after them.
/// </summary>
public sealed class TempFolder : IDisposable, IAsyncDisposable
{
    private TempFolder(DirectoryInfo directory) => Path = directory.FullName;

    public string Path { get; }

    public static TempFolder Create(string prefix) => new(Directory.CreateTempSubdirectory(prefix));

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public override string ToString() => Path;

    public void Dispose()
    {
        for (var attempt = 1; Directory.Exists(Path); attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file still open (SQLite's pooled connections keep theirs): close the pools and try again, then leave
                // what is left to the system's temporary-file cleanup rather than fail a test that passed.
                if (attempt == 3)
                {
                    return;
                }
                SqliteConnection.ClearAllPools();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
