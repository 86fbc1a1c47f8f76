using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Oversight.Testing;

/// <summary>
/// The seed reports (samples/reports) as the attachments portals publish: a DOCX (<see cref="DocxWriter"/>), and from
/// it with LibreOffice a PDF and a Word 97 DOC; the PDF's pages printed to 150 dpi grey images (pdftoppm) and put
/// back together as an image-only PDF (a scan), and the first page as a PNG. Each by seed number.
/// </summary>
public sealed record SeedAttachments(
    IReadOnlyDictionary<string, byte[]> Docx,
    IReadOnlyDictionary<string, byte[]> Pdf,
    IReadOnlyDictionary<string, byte[]> Doc,
    IReadOnlyDictionary<string, byte[]> ScannedPdf,
    IReadOnlyDictionary<string, byte[]> FirstPagePng)
{
    /// <summary>Makes them in the folder (about half a minute: two LibreOffice runs for the five seeds).</summary>
    public static async Task<SeedAttachments> CreateAsync(string folder)
    {
        var docx = SampleReports.All.ToDictionary(n => n, n => DocxWriter.Write(SampleReports.Text(n)));
        var files = new List<string>();
        foreach (var (number, bytes) in docx)
        {
            var file = Path.Combine(folder, $"seed-{number}.docx");
            await File.WriteAllBytesAsync(file, bytes);
            files.Add(file);
        }
        var output = Path.Combine(folder, "out");
        var profile = Path.Combine(folder, "profile");
        await DocumentTools.ConvertAsync(files, "pdf", output, profile);
        await DocumentTools.ConvertAsync(files, "doc:MS Word 97", output, profile);
        var scans = new Dictionary<string, byte[]>();
        var firstPages = new Dictionary<string, byte[]>();
        foreach (var number in SampleReports.All)
        {
            var pages = await DocumentTools.RenderAsync(Path.Combine(output, $"seed-{number}.pdf"), 150, Path.Combine(folder, $"scan-{number}"));
            scans[number] = ImagePdf(pages);
            firstPages[number] = await File.ReadAllBytesAsync(pages[0]);
        }
        return new SeedAttachments(
            docx,
            SampleReports.All.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(output, $"seed-{n}.pdf"))),
            SampleReports.All.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(output, $"seed-{n}.doc"))),
            scans,
            firstPages);
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
