namespace Oversight.Documents.Processes;

/// <summary>
/// A private folder for one read (the attachment's bytes under a fixed name, the converter's profile and output),
/// deleted with everything in it when disposed. The caller's file name is never used for a path.
/// </summary>
internal sealed class WorkFolder : IDisposable
{
    private WorkFolder(string path) => Path = path;

    public string Path { get; }

    public static WorkFolder Create(DocumentLimits limits)
    {
        var root = limits.TempRoot.Length > 0 ? limits.TempRoot : System.IO.Path.GetTempPath();
        var path = System.IO.Path.Combine(root, "oversight-attachment-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new WorkFolder(path);
    }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public async Task<string> WriteAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var file = Combine(name);
        await File.WriteAllBytesAsync(file, content, cancellationToken);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}
