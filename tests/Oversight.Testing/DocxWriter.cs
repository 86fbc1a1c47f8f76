using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Oversight.Testing;

/// <summary>
/// Writes a report's text as a DOCX the way an office types it: the first line a centred bold title, each other line
/// a justified paragraph indented two characters, in a Chinese font LibreOffice has here (fonts-wqy-zenhei).
/// </summary>
public static class DocxWriter
{
    public const string Font = "WenQuanYi Zen Hei";

    /// <summary>A DOCX of the text: the first line a centred title, each other line a paragraph indented two characters.</summary>
    public static byte[] Write(string text)
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
}
