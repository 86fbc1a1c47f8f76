namespace Oversight.Storage.Connections;

/// <summary>
/// The embedded databases hold every report, key hash and audit entry: on Unix their folder is its owner's only (0700)
/// and the files SQLite keeps there (the database, its -wal, -shm and -journal) are read and written by their owner only
/// (0600), as the administrator key is (Oversight.Access KeyFiles). Windows keeps the folder's ACLs.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] SqliteSuffixes = ["", "-wal", "-shm", "-journal"];

    /// <summary>
    /// Creates the folder owner-only when it is missing; with <paramref name="tighten"/> (a folder of the service's own,
    /// such as the platform's data folder), one that is already there loses what others could do in it too.
    /// </summary>
    public static void Folder(string path, bool tighten)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, FolderMode);
        }
        else if (tighten && (File.GetUnixFileMode(path) & UnixFileMode.StickyBit) == 0)
        {
            // A shared folder (sticky, as /tmp is) named as the data folder by mistake is left as it is.
            Restrict(path, FolderMode);
        }
    }

    /// <summary>
    /// Before SQLite opens <paramref name="path"/>: creates the database file owner-only when it is missing (SQLite gives
    /// the -wal, -shm and -journal files it makes the database file's permissions), and takes from a file there from an
    /// earlier start, and from its companions, whatever group and others could do.
    /// </summary>
    public static void SqliteDatabase(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write,
                UnixCreateMode = FileMode
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // There already: from an earlier start, or another replica made it first.
        }
        foreach (var suffix in SqliteSuffixes)
        {
            if (File.Exists(path + suffix))
            {
                Restrict(path + suffix, FileMode);
            }
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Restrict(string path, UnixFileMode allowed)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & ~allowed) != 0)
        {
            File.SetUnixFileMode(path, mode & allowed);
        }
    }
}
