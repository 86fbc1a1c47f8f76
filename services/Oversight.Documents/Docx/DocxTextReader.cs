using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Oversight.Documents.Docx;

/// <summary>
/// A DOCX's body as text with the Open XML SDK: one line per paragraph (headings are paragraphs), one line per table
/// row with its cells separated by tabs, as the text version of a report has them. Content controls are read
/// through; headers, footers, comments and deleted revisions are not the report and are left out.
/// </summary>
internal static class DocxTextReader
{
    public static string Read(byte[] content, DocumentLimits limits, CancellationToken cancellationToken)
    {
        var settings = new OpenSettings { MaxCharactersInPart = limits.MaxUnpackedBytes, AutoSave = false };
        using var document = WordprocessingDocument.Open(new MemoryStream(content, writable: false), false, settings);
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null)
        {
            return "";
        }
        var text = new StringBuilder();
        Blocks(body, text, limits.MaxTextChars, cancellationToken);
        return text.ToString();
    }

    private static void Blocks(OpenXmlElement parent, StringBuilder text, int maxChars, CancellationToken cancellationToken)
    {
        foreach (var element in parent.ChildElements)
        {
            if (text.Length > maxChars)
            {
                return;
            }
            switch (element)
            {
                case Paragraph paragraph:
                    Line(text, ParagraphText(paragraph));
                    break;
                case Table table:
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var row in table.Elements<TableRow>())
                    {
                        var cells = row.Elements<TableCell>().Select(c => string.Join(' ', c.Elements<Paragraph>().Select(ParagraphText)).Trim());
                        Line(text, string.Join('\t', cells));
                    }
                    break;
                case SdtBlock block:
                    Blocks(block.SdtContentBlock ?? (OpenXmlElement)block, text, maxChars, cancellationToken);
                    break;
                default:
                    break;
            }
        }
    }

    private static void Line(StringBuilder text, string line)
    {
        if (line.Trim().Length == 0)
        {
            return;
        }
        if (text.Length > 0)
        {
            text.Append('\n');
        }
        text.Append(line.Trim());
    }

    private static string ParagraphText(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t when !IsDeleted(t):
                    text.Append(t.Text);
                    break;
                case TabChar:
                    // A tab inside a paragraph aligns (一、→heading); tabs stand for table columns only.
                    text.Append(' ');
                    break;
                case Break or CarriageReturn:
                    // A line break inside a paragraph (Shift+Enter) separates lines of a title or an address block.
                    text.Append('\n');
                    break;
                default:
                    break;
            }
        }
        return text.ToString();
    }

    private static bool IsDeleted(OpenXmlElement element) => element.Ancestors<DeletedRun>().Any();
}
