namespace Oversight.Documents;

/// <summary>Why an attachment gave no text: a reason code (Oversight.Vocabulary.Reasons) and what to fix, in Chinese.</summary>
public sealed record AttachmentRefusal(string Reason, string Message);

/// <summary>
/// One attachment read: the format its bytes are (never its name), how the text was got, the text with one paragraph
/// or heading per line (table rows as tab-separated cells), and the pages read; or the refusal.
/// </summary>
public sealed record AttachmentText(string Format, string Method, string Text, int Pages, AttachmentRefusal? Refusal)
{
    public bool Succeeded => Refusal is null;

    internal static AttachmentText Refused(string format, string reason, string message) => new(format, "", "", 0, new AttachmentRefusal(reason, message));
}

/// <summary>How the text of an attachment was got.</summary>
public static class ReadMethods
{
    /// <summary>The PDF's own text layer (PdfPig).</summary>
    public const string PdfText = "pdf_text";

    /// <summary>The DOCX's paragraphs and tables (Open XML SDK).</summary>
    public const string Docx = "docx";

    /// <summary>DOC or WPS converted to DOCX by LibreOffice, then read as a DOCX.</summary>
    public const string Office = "libreoffice";

    /// <summary>Recognised by Tesseract from the page images.</summary>
    public const string Ocr = "ocr";
}

/// <summary>Reads attachments (PDF, DOCX, DOC, WPS, scans, images) as text.</summary>
public interface IAttachmentReader
{
    /// <summary>
    /// Reads one attachment. The content type is only a hint for messages: the format is told from the bytes. Never
    /// throws for bad input (a refusal says why); throws only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<AttachmentText> ReadAsync(ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken);
}
