using System.Diagnostics;
using Oversight.Documents;
using Oversight.Testing;

namespace Oversight.Benchmarks;

/// <summary>
/// Attachment reading: the five seed reports as PDF, DOCX, DOC and scanned PDF (made with LibreOffice and pdftoppm),
/// each read ROUNDS times one after another through the attachment reader as ingestion runs it (converters out of
/// process under their limits). Prints pages, time, pages/s and attachments/s per format, and the peak working set.
/// </summary>
public static class AttachmentLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3;
        using var folder = TempFolder.Create("oversight-attachment-load-");
        var made = Stopwatch.StartNew();
        var seeds = await SeedAttachments.CreateAsync(folder.Path);
        Console.WriteLine($"made {SampleReports.All.Count} seeds × 4 formats in {made.Elapsed.TotalSeconds:0.0} s");
        var reader = new AttachmentReader(new DocumentLimits());
        var pagesOfSeed = seeds.Pdf.ToDictionary(p => p.Key, p => UglyToad.PdfPig.PdfDocument.Open(p.Value).NumberOfPages);
        var formats = new (string Name, IReadOnlyDictionary<string, byte[]> Files, int Rounds)[]
        {
            ("pdf (text layer)", seeds.Pdf, rounds * 10),
            ("docx", seeds.Docx, rounds * 10),
            ("doc (LibreOffice)", seeds.Doc, rounds),
            ("scanned pdf (OCR)", seeds.ScannedPdf, 1),
        };
        Console.WriteLine($"{"format",-20} {"files",6} {"pages",6} {"seconds",8} {"pages/s",8} {"files/s",8} {"ms/file p50",12} {"max",8}");
        foreach (var (name, files, times) in formats)
        {
            // One read first, not counted: JIT, PdfPig's fonts, LibreOffice's first start from a cold disk.
            await reader.ReadAsync(files.First().Value, null, CancellationToken.None);
            var durations = new List<double>();
            var pages = 0;
            var total = Stopwatch.StartNew();
            for (var round = 0; round < times; round++)
            {
                foreach (var (seed, content) in files)
                {
                    var one = Stopwatch.StartNew();
                    var text = await reader.ReadAsync(content, null, CancellationToken.None);
                    durations.Add(one.Elapsed.TotalMilliseconds);
                    if (!text.Succeeded)
                    {
                        Console.WriteLine($"{name} {seed}: {text.Refusal!.Reason} {text.Refusal.Message}");
                        return 1;
                    }
                    pages += pagesOfSeed[seed];
                }
            }
            var seconds = total.Elapsed.TotalSeconds;
            durations.Sort();
            Console.WriteLine($"{name,-20} {durations.Count,6} {pages,6} {seconds,8:0.00} {pages / seconds,8:0.0} {durations.Count / seconds,8:0.00} "
                + $"{durations[durations.Count / 2],12:0} {durations[^1],8:0}");
        }
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB (this process; converters run as their own)");
        return 0;
    }
}
