namespace Oversight.Access;

/// <summary>Keys kept in files (the platform's data folder): readable and writable by their owner only.</summary>
public static class KeyFiles
{
    public static void Write(string path, string token)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
        {
            // A folder made here is the owner's only (0700), as the platform's data folder is.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        // Deleted first: an existing file would keep whatever permissions it had.
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(token);
    }

    /// <summary>The key in a file, or null when there is no such file.</summary>
    public static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}
