using Oversight.Documents.Layout;
using Oversight.Documents.Processes;

namespace Oversight.Documents.Ocr;

/// <summary>What recognition gave: the printed lines, or that it ran out of time or failed.</summary>
internal sealed record Recognition(IReadOnlyList<LayoutLine> Lines, int Pages, bool TimedOut, string Error);

/// <summary>
/// Recognises page images with Tesseract (Simplified Chinese), and renders scanned PDF pages to images first with
/// pdftoppm; both in their own processes under the limits, sharing the one deadline of the read.
/// </summary>
internal static class OcrEngine
{
    private const int MaxTsvBytes = 64 * 1024 * 1024;

    public static async Task<Recognition> ImageAsync(
        ReadOnlyMemory<byte> content, WorkFolder folder, DocumentLimits limits, CancellationToken cancellationToken)
    {
        var image = await folder.WriteAsync("attachment.img", content, cancellationToken);
        return await RecogniseAsync([image], folder, limits, cancellationToken);
    }

    public static async Task<Recognition> ScannedPdfAsync(
        ReadOnlyMemory<byte> content, int pages, WorkFolder folder, DocumentLimits limits, CancellationToken cancellationToken)
    {
        var pdf = await folder.WriteAsync("attachment.pdf", content, cancellationToken);
        var pagesFolder = folder.Combine("pages");
        Directory.CreateDirectory(pagesFolder);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string[] arguments = ["-r", limits.OcrDpi.ToString(invariant), "-gray", "-png",
            "-f", "1", "-l", Math.Min(pages, limits.MaxPages).ToString(invariant), pdf, Path.Combine(pagesFolder, "page")];
        var rendered = await LimitedProcess.RunAsync(limits.RasterProgram, arguments, folder.Path, limits, 64 * 1024, cancellationToken);
        if (rendered.TimedOut)
        {
            return new Recognition([], 0, true, "");
        }
        var images = Directory.GetFiles(pagesFolder, "page*.png").Order(StringComparer.Ordinal).ToList();
        if (images.Count == 0)
        {
            return new Recognition([], 0, false, rendered.Error.Trim());
        }
        return await RecogniseAsync(images, folder, limits, cancellationToken);
    }

    // One Tesseract run for all pages (a list file of images): the language model is loaded once.
    private static async Task<Recognition> RecogniseAsync(
        IReadOnlyList<string> images, WorkFolder folder, DocumentLimits limits, CancellationToken cancellationToken)
    {
        var list = folder.Combine("pages.txt");
        await File.WriteAllLinesAsync(list, images, cancellationToken);
        string[] arguments = [images.Count == 1 ? images[0] : list, "stdout", "-l", limits.OcrLanguage, "--psm", "3", "tsv"];
        var outcome = await LimitedProcess.RunAsync(limits.OcrProgram, arguments, folder.Path, limits, MaxTsvBytes, cancellationToken);
        if (outcome.TimedOut)
        {
            return new Recognition([], images.Count, true, "");
        }
        if (outcome.ExitCode != 0)
        {
            return new Recognition([], images.Count, false, outcome.Error.Trim());
        }
        return new Recognition(OcrText.Lines(outcome.Output), images.Count, false, "");
    }
}
