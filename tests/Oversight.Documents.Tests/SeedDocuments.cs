using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
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
    public const string Font = "WenQuanYi Zen Hei";

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

    /// <summary>A DOCX of the text: the first line a centred title, each other line a paragraph indented two characters.</summary>
    public static byte[] Write(string text, Action<Body>? extra = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                body.Append(Paragraph(lines[i].Trim(), title: i == 0));
            }
            extra?.Invoke(body);
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Paragraph(string line, bool title)
    {
        // Schema order: spacing, indentation, justification. Two characters of 12 pt: LibreOffice lays out the twips, Word the characters.
        var properties = new ParagraphProperties(new SpacingBetweenLines { After = "0", Line = "360", LineRule = LineSpacingRuleValues.Auto });
        if (!title)
        {
            properties.Append(new Indentation { FirstLine = "480", FirstLineChars = 200 });
        }
        properties.Append(new Justification { Val = title ? JustificationValues.Center : JustificationValues.Both });
        var runProperties = new RunProperties(new RunFonts { EastAsia = Font, Ascii = Font, HighAnsi = Font }, new FontSize { Val = title ? "36" : "24" });
        if (title)
        {
            runProperties.Append(new Bold());
        }
        return new Paragraph(properties, new Run(runProperties, new Text(line) { Space = SpaceProcessingModeValues.Preserve }));
    }

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
