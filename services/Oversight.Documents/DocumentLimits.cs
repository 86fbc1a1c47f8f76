namespace Oversight.Documents;

/// <summary>
/// What one attachment may cost to read: bytes in, pages, text out, what a DOCX unpacks to, wall time, and the
/// address space, CPU time and file size the converters (LibreOffice, pdftoppm, Tesseract) run under. Bound from
/// "Ingestion:Attachments" in configuration.
/// </summary>
public sealed class DocumentLimits
{
    /// <summary>Largest attachment accepted (bytes).</summary>
    public int MaxBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Most pages read from a PDF or a scan; annual reports run to tens of pages.</summary>
    public int MaxPages { get; set; } = 200;

    /// <summary>Most characters of text one attachment may give.</summary>
    public int MaxTextChars { get; set; } = 2_000_000;

    /// <summary>Most entries a DOCX (a zip) may hold.</summary>
    public int MaxZipEntries { get; set; } = 1_000;

    /// <summary>Most bytes a DOCX may unpack to, counted while unpacking (the sizes the zip declares can lie).</summary>
    public long MaxUnpackedBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Wall time for one attachment, converters included; past it the converter is killed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Address space of a converter process (prlimit --as).</summary>
    public long ConverterMemoryBytes { get; set; } = 3L * 1024 * 1024 * 1024;

    /// <summary>Largest file a converter may write (prlimit --fsize).</summary>
    public long ConverterFileBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Attachments read at once by this process; the rest wait (each converter takes a core).</summary>
    public int MaxConcurrentReads { get; set; } = 2;

    /// <summary>Resolution scanned PDF pages are rendered at for OCR.</summary>
    public int OcrDpi { get; set; } = 200;

    /// <summary>Tesseract language(s).</summary>
    public string OcrLanguage { get; set; } = "chi_sim";

    /// <summary>LibreOffice, found on PATH unless a path is given.</summary>
    public string OfficeProgram { get; set; } = "soffice";

    public string OcrProgram { get; set; } = "tesseract";

    /// <summary>Renders PDF pages to images for OCR (poppler-utils).</summary>
    public string RasterProgram { get; set; } = "pdftoppm";

    /// <summary>Where each read's working folder is made (and deleted after); empty for the system's temporary folder.</summary>
    public string TempRoot { get; set; } = "";
}
