using Oversight.Testing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Oversight.Documents.Tests;

/// <summary>
/// The seed reports (samples/reports) as the attachments portals publish: a DOCX written with the Open XML SDK as an
/// office types it (title centred, paragraphs justified and indented two characters, Chinese font), and from it with LibreOffice a
/// PDF and a Word 97 DOC; the PDF's pages printed to 150 dpi grey images, put back together as an image-only PDF (a
/// scan), and the first page as a PNG. Made once for the test run (about a minute), in a folder deleted after.
/// </summary>
public sealed class SeedDocuments : IAsyncLifetime
{
    private readonly TempFolder _folder = TempFolder.Create("oversight-seed-documents-");

    public IReadOnlyDictionary<string, byte[]> Docx { get; private set; } = new Dictionary<string, byte[]>();

    public IReadOnlyDictionary<string, byte[]> Pdf { get; private set; } = new Dictionary<string, byte[]>();

    public IReadOnlyDictionary<string, byte[]> Doc { get; private set; } = new Dictionary<string, byte[]>();

    public IReadOnlyDictionary<string, byte[]> ScannedPdf { get; private set; } = new Dictionary<string, byte[]>();

    public IReadOnlyDictionary<string, byte[]> FirstPagePng { get; private set; } = new Dictionary<string, byte[]>();

    public async Task InitializeAsync()
    {
        var docx = SampleReports.All.ToDictionary(n => n, n => Write(SampleReports.Text(n)));
        var files = new List<string>();
        foreach (var (number, bytes) in docx)
        {
            var file = _folder.Combine($"seed-{number}.docx");
            await File.WriteAllBytesAsync(file, bytes);
            files.Add(file);
        }
        var output = _folder.Combine("out");
        await DocumentTools.ConvertAsync(files, "pdf", output, _folder.Combine("profile"));
        await DocumentTools.ConvertAsync(files, "doc:MS Word 97", output, _folder.Combine("profile"));
        Docx = docx;
        Pdf = SampleReports.All.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(output, $"seed-{n}.pdf")));
        Doc = SampleReports.All.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(output, $"seed-{n}.doc")));
        var scans = new Dictionary<string, byte[]>();
        var firstPages = new Dictionary<string, byte[]>();
        foreach (var number in SampleReports.All)
        {
            var pages = await DocumentTools.RenderAsync(Path.Combine(output, $"seed-{number}.pdf"), 150, _folder.Combine($"scan-{number}"));
            scans[number] = ImagePdf(pages);
            firstPages[number] = await File.ReadAllBytesAsync(pages[0]);
        }
        ScannedPdf = scans;
        FirstPagePng = firstPages;
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A DOCX of the text as an office types it (<see cref="DocxWriter"/>).</summary>
    public static byte[] Write(string text) => DocxWriter.Write(text);

    /// <summary>A PDF whose pages are only the images (no text layer), A4.</summary>
    public static byte[] ImagePdf(IReadOnlyList<string> pngs)
    {
        var builder = new PdfDocumentBuilder();
        foreach (var png in pngs)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            page.AddPng(File.ReadAllBytes(png), new PdfRectangle(0, 0, page.PageSize.Width, page.PageSize.Height));
        }
        return builder.Build();
    }
}
