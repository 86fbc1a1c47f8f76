using Oversight.Testing;

namespace Oversight.Documents.Tests;

/// <summary>The seed reports as PDF, DOCX, DOC and scans (<see cref="SeedAttachments"/>), made once for the test run in a folder deleted after.</summary>
public sealed class SeedDocuments : IAsyncLifetime
{
    private readonly TempFolder _folder = TempFolder.Create("oversight-seed-documents-");
    private SeedAttachments _made = null!;

    public IReadOnlyDictionary<string, byte[]> Docx => _made.Docx;

    public IReadOnlyDictionary<string, byte[]> Pdf => _made.Pdf;

    public IReadOnlyDictionary<string, byte[]> Doc => _made.Doc;

    public IReadOnlyDictionary<string, byte[]> ScannedPdf => _made.ScannedPdf;

    public IReadOnlyDictionary<string, byte[]> FirstPagePng => _made.FirstPagePng;

    public async Task InitializeAsync() => _made = await SeedAttachments.CreateAsync(_folder.Path);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A DOCX of the text as an office types it (<see cref="DocxWriter"/>).</summary>
    public static byte[] Write(string text) => DocxWriter.Write(text);
}
