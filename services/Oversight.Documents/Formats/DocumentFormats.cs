namespace Oversight.Documents.Formats;

/// <summary>The formats an attachment can be, told from its first bytes: a file name or a declared type can lie.</summary>
public static class DocumentFormats
{
    public const string Pdf = "pdf";

    /// <summary>Office Open XML word processing (a zip holding word/document.xml).</summary>
    public const string Docx = "docx";

    /// <summary>An OLE2 compound file: Word 97–2003 .doc, and the .wps of WPS Office (Kingsoft), which LibreOffice reads alike.</summary>
    public const string Doc = "doc";

    /// <summary>PNG, JPEG, TIFF, BMP or GIF: a photographed or scanned page.</summary>
    public const string Image = "image";

    /// <summary>Any other zip (a spreadsheet, an ODF document, an archive).</summary>
    public const string OtherZip = "zip";

    public const string Unknown = "unknown";

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> OleMagic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The format of the bytes. A zip counts as DOCX only when it holds word/document.xml (checked when read).</summary>
    public static string Detect(ReadOnlySpan<byte> content)
    {
        // Some generators put a few bytes (a BOM, whitespace) before %PDF-; readers accept it within the first KiB.
        if (content[..Math.Min(content.Length, 1024)].IndexOf(PdfMagic) >= 0)
        {
            return Pdf;
        }
        if (content.StartsWith(ZipMagic))
        {
            return Docx;
        }
        if (content.StartsWith(OleMagic))
        {
            return Doc;
        }
        return IsImage(content) ? Image : Unknown;
    }

    private static bool IsImage(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        || content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || content.StartsWith("II*\0"u8)
        || content.StartsWith("MM\0*"u8)
        || content.StartsWith("GIF87a"u8)
        || content.StartsWith("GIF89a"u8)
        || (content.StartsWith("BM"u8) && content.Length > 26);
}
