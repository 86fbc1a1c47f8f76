namespace Oversight.Fetching.Attachments;

/// <summary>
/// An attachment as fetched: where it was linked from, its final address, what the server called it, and its original
/// bytes (kept as they came, whatever reads them).
/// </summary>
public sealed record AttachmentBytes(Uri Address, string LinkText, string? ContentType, ReadOnlyMemory<byte> Content);

/// <summary>The text an attachment holds, and how it was got (Oversight.Documents' ReadMethods: "pdf_text", "docx", "libreoffice", "ocr").</summary>
public sealed record AttachmentText(string Text, string Method);

/// <summary>
/// The seam between fetching and reading: the watcher and submit-by-address keep attachment bytes and hand them to
/// an implementation of this (ingestion's FetchedAttachmentReader, served by services/Oversight.Documents, which reads
/// PDF, DOCX, DOC/WPS and scans out of process). Null when the reader gives no text (a kind it does not take, damaged,
/// encrypted, over the limits).
/// </summary>
public interface IAttachmentReader
{
    Task<AttachmentText?> ReadAsync(AttachmentBytes attachment, CancellationToken cancellationToken);
}
