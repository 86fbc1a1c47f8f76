using System.ComponentModel;
using Oversight.Documents.Docx;
using Oversight.Documents.Formats;
using Oversight.Documents.Layout;
using Oversight.Documents.Ocr;
using Oversight.Documents.Office;
using Oversight.Documents.Pdf;
using Oversight.Documents.Processes;
using Oversight.Vocabulary;
using UglyToad.PdfPig.Exceptions;

namespace Oversight.Documents;

/// <summary>
/// Reads an attachment as text by what its bytes are: a PDF's text layer (PdfPig, in process, page by page under the
/// deadline), a DOCX's paragraphs (Open XML SDK, after a zip-bomb check), a DOC or WPS through LibreOffice, a scanned
/// PDF (no text layer) or an image through Tesseract. Converters run as child processes under prlimit, killed at the
/// deadline, in a working folder deleted after. At most <see cref="DocumentLimits.MaxConcurrentReads"/> reads run at
/// once; a PDF read that outlives its deadline keeps its slot until PdfPig returns, so runaway reads cannot pile up.
/// </summary>
public sealed class AttachmentReader(DocumentLimits limits) : IAttachmentReader
{
    /// <summary>A scan has almost no text layer: fewer letters a page than this means OCR.</summary>
    private const int ScanLettersPerPage = 20;

    private readonly SemaphoreSlim _gate = new(Math.Max(1, limits.MaxConcurrentReads));

    public DocumentLimits Limits => limits;

    public async Task<AttachmentText> ReadAsync(ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken)
    {
        if (content.Length > limits.MaxBytes)
        {
            return AttachmentText.Refused(DocumentFormats.Unknown, Reasons.AttachmentTooLarge,
                $"附件为 {content.Length} 字节,超过上限 {limits.MaxBytes} 字节:请提交报告本身,或压缩图片后再提交");
        }
        var format = content.Length == 0 ? DocumentFormats.Unknown : DocumentFormats.Detect(content.Span);
        if (format == DocumentFormats.Unknown)
        {
            return AttachmentText.Refused(format, Reasons.AttachmentFormatUnsupported,
                $"附件{Declared(contentType)}不是可读取的格式:请提交 PDF、DOCX、DOC、WPS 文件或扫描图片(PNG、JPEG、TIFF)");
        }
        await _gate.WaitAsync(cancellationToken);
        var held = true;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.Timeout);
        try
        {
            var read = format switch
            {
                DocumentFormats.Pdf => ReadPdfAsync(content, deadline.Token, () => held = false),
                DocumentFormats.Docx => ReadDocxAsync(content, DocumentFormats.Docx, ReadMethods.Docx, deadline.Token),
                DocumentFormats.Doc => ReadOfficeAsync(content, deadline.Token),
                _ => ReadImageAsync(content, deadline.Token),
            };
            return Bounded(await read);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TimedOut(format);
        }
        catch (Win32Exception)
        {
            return AttachmentText.Refused(format, Reasons.AttachmentReaderUnavailable,
                $"服务器未安装读取{Describe(format)}所需的程序:请联系平台管理员安装 LibreOffice、Tesseract(中文简体)和 poppler-utils");
        }
        finally
        {
            if (held)
            {
                _gate.Release();
            }
        }
    }

    private AttachmentText TimedOut(string format) => AttachmentText.Refused(format, Reasons.AttachmentReadTimeout,
        $"读取{Describe(format)}附件超过 {limits.Timeout.TotalSeconds:0} 秒未完成:请提交带文字层的 PDF 或 Word 文件,或减少页数");

    private AttachmentText Bounded(AttachmentText text)
    {
        if (text.Succeeded && text.Text.Length > limits.MaxTextChars)
        {
            return AttachmentText.Refused(text.Format, Reasons.AttachmentTooLarge,
                $"附件的文字超过 {limits.MaxTextChars} 个字符:请只提交年度报告本身");
        }
        if (text.Succeeded && !text.Text.Any(char.IsLetterOrDigit))
        {
            return AttachmentText.Refused(text.Format, Reasons.AttachmentNoText,
                $"附件({Describe(text.Format)})中没有识别出文字:请提交清晰的扫描件或带文字层的文件");
        }
        return text;
    }

    // PdfPig runs on a worker thread; the caller gets its answer at the deadline even if a page takes longer, while the
    // slot stays taken until the worker returns (release is handed to it through releaseLater).
    private async Task<AttachmentText> ReadPdfAsync(ReadOnlyMemory<byte> content, CancellationToken deadline, Action releaseLater)
    {
        var bytes = content.ToArray();
        var work = Task.Run(() => PdfTextReader.Read(bytes, limits.MaxPages, deadline), CancellationToken.None);
        PdfLayer layer;
        try
        {
            layer = await work.WaitAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            releaseLater();
            _ = work.ContinueWith(_ => _gate.Release(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }
        catch (PdfDocumentEncryptedException)
        {
            return AttachmentText.Refused(DocumentFormats.Pdf, Reasons.AttachmentEncrypted, "PDF 附件已加密:请提交未加密、可复制文字的 PDF");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // PdfPig reports a damaged file with many exception types (its own, IO, format, index).
            return AttachmentText.Refused(DocumentFormats.Pdf, Reasons.AttachmentDamaged, $"PDF 附件无法读取({ex.GetType().Name}):请重新导出 PDF 后再提交");
        }
        if (layer.Pages > limits.MaxPages)
        {
            return AttachmentText.Refused(DocumentFormats.Pdf, Reasons.AttachmentTooLarge,
                $"PDF 附件有 {layer.Pages} 页,超过上限 {limits.MaxPages} 页:请只提交年度报告本身");
        }
        if (layer.Characters >= ScanLettersPerPage * Math.Max(1, layer.Pages))
        {
            return new AttachmentText(DocumentFormats.Pdf, ReadMethods.PdfText, ParagraphAssembler.Assemble(layer.Lines), layer.Pages, null);
        }
        using var folder = WorkFolder.Create(limits);
        var recognised = await OcrEngine.ScannedPdfAsync(content, layer.Pages, folder, limits, deadline);
        return Recognised(DocumentFormats.Pdf, recognised);
    }

    private async Task<AttachmentText> ReadImageAsync(ReadOnlyMemory<byte> content, CancellationToken deadline)
    {
        using var folder = WorkFolder.Create(limits);
        return Recognised(DocumentFormats.Image, await OcrEngine.ImageAsync(content, folder, limits, deadline));
    }

    private AttachmentText Recognised(string format, Recognition recognised)
    {
        if (recognised.TimedOut)
        {
            return TimedOut(format);
        }
        if (recognised.Error.Length > 0 && recognised.Lines.Count == 0)
        {
            return AttachmentText.Refused(format, Reasons.AttachmentDamaged, $"{Describe(format)}附件无法识别:请提交清晰、完整的扫描件");
        }
        return new AttachmentText(format, ReadMethods.Ocr, ParagraphAssembler.Assemble(recognised.Lines), recognised.Pages, null);
    }

    private async Task<AttachmentText> ReadOfficeAsync(ReadOnlyMemory<byte> content, CancellationToken deadline)
    {
        using var folder = WorkFolder.Create(limits);
        var conversion = await OfficeConverter.ToDocxAsync(content, folder, limits, deadline);
        if (conversion.TimedOut)
        {
            return TimedOut(DocumentFormats.Doc);
        }
        if (conversion.Content is null)
        {
            return AttachmentText.Refused(DocumentFormats.Doc, Reasons.AttachmentDamaged, "DOC/WPS 附件无法转换:请另存为 DOCX 或 PDF 后再提交");
        }
        var text = await ReadDocxAsync(conversion.Content, DocumentFormats.Doc, ReadMethods.Office, deadline);
        return text;
    }

    private Task<AttachmentText> ReadDocxAsync(ReadOnlyMemory<byte> content, string format, string method, CancellationToken deadline) => Task.Run(() =>
    {
        var bytes = content.ToArray();
        switch (ZipBudget.Check(bytes, limits, deadline))
        {
            case ZipCheck.NotWordprocessing:
                return AttachmentText.Refused(format, Reasons.AttachmentFormatUnsupported,
                    "附件是压缩包但不是 Word 文档(DOCX):请提交 PDF、DOCX、DOC、WPS 文件或扫描图片");
            case ZipCheck.TooManyEntries or ZipCheck.UnpacksTooLarge:
                return AttachmentText.Refused(format, Reasons.AttachmentUnpacksTooLarge,
                    $"DOCX 附件解压后超过上限({limits.MaxZipEntries} 个部件或 {limits.MaxUnpackedBytes / (1024 * 1024)} MB):请提交报告本身,去掉嵌入的大文件");
            case ZipCheck.Damaged:
                return AttachmentText.Refused(format, Reasons.AttachmentDamaged, "DOCX 附件已损坏,无法解压:请重新保存后再提交");
            default:
                break;
        }
        try
        {
            return new AttachmentText(format, method, DocxTextReader.Read(bytes, limits, deadline), 0, null);
        }
        catch (Exception ex) when (ex is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException or System.Xml.XmlException
            or IOException or InvalidOperationException or FileFormatException)
        {
            return AttachmentText.Refused(format, Reasons.AttachmentDamaged, $"DOCX 附件无法读取({ex.GetType().Name}):请重新保存为 DOCX 后再提交");
        }
    }, deadline);

    private static string Declared(string? contentType) => string.IsNullOrWhiteSpace(contentType) ? "" : $"(声明类型 {contentType.Trim()})";

    private static string Describe(string format) => format switch
    {
        DocumentFormats.Pdf => "PDF",
        DocumentFormats.Docx => "DOCX",
        DocumentFormats.Doc => "DOC/WPS",
        DocumentFormats.Image => "图片",
        _ => "",
    };
}
