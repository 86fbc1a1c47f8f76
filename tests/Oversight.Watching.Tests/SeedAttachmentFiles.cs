using Oversight.Testing;

namespace Oversight.Watching.Tests;

/// <summary>
/// The seed reports as PDF, DOCX, DOC and scanned PDF (<see cref="SeedAttachments"/>: LibreOffice and pdftoppm, each run
/// bounded by <see cref="DocumentTools"/>), made once for the test class that asks for them, in a folder deleted after.
/// </summary>
public sealed class SeedAttachmentFiles : IAsyncLifetime
{
    private readonly TempFolder _folder = TempFolder.Create("oversight-watch-attachments-");

    public SeedAttachments Made { get; private set; } = null!;

    public async Task InitializeAsync() => Made = await SeedAttachments.CreateAsync(_folder.Path);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
