using System.Diagnostics;
using Oversight.Documents.Formats;
using Oversight.Testing;
using Xunit.Abstractions;

namespace Oversight.Documents.Tests;

[CollectionDefinition(Name)]
public sealed class SeedDocumentsCollection : ICollectionFixture<SeedDocuments>
{
    public const string Name = "seed documents";
}

/// <summary>
/// Each seed report as PDF, DOCX, DOC and a scan reads as its text version does: the same outline (every section's
/// path and heading), the same top-level kinds, title and year, and the same figures. OCR within the tolerance below.
/// </summary>
[Collection(SeedDocumentsCollection.Name)]
public sealed class SeedFormatTests(SeedDocuments documents, ITestOutputHelper output)
{
    // What a clean scan keeps through OCR (the same top-level kinds, the headings of the top-level sections, and
    // OcrTolerance's share of the characters), measured on the five seeds: see the printed figures.
    private const double OcrCharactersKept = OcrTolerance.CharactersKept;

    private readonly AttachmentReader _reader = new(new DocumentLimits());

    public static TheoryData<string> Seeds => [.. SampleReports.All];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ReadAsync_SeedAsPdf_SameOutlineKindsAndFigures(string seed) =>
        await AssertSameAsync(seed, documents.Pdf[seed], DocumentFormats.Pdf, ReadMethods.PdfText);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ReadAsync_SeedAsDocx_SameOutlineKindsAndFigures(string seed) =>
        await AssertSameAsync(seed, documents.Docx[seed], DocumentFormats.Docx, ReadMethods.Docx);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ReadAsync_SeedAsDoc_SameOutlineKindsAndFigures(string seed) =>
        await AssertSameAsync(seed, documents.Doc[seed], DocumentFormats.Doc, ReadMethods.Office);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ReadAsync_SeedAsScannedPdf_SameKindsWithinOcrTolerance(string seed)
    {
        var expected = TextVersion.Of(SampleReports.Bytes(seed));
        var watch = Stopwatch.StartNew();
        var text = await _reader.ReadAsync(documents.ScannedPdf[seed], "application/pdf", CancellationToken.None);
        var actual = TextVersion.Of(text);
        var kept = expected.CharactersKeptIn(actual);
        output.WriteLine($"{seed} scan: {text.Pages} pages in {watch.ElapsedMilliseconds} ms, {kept:P2} characters kept, "
            + $"{expected.Figures.Intersect(actual.Figures).Count()}/{expected.Figures.Count} figures equal");
        output.WriteLine(HeadingDifferences(expected, actual));

        Assert.Equal((DocumentFormats.Pdf, ReadMethods.Ocr), (text.Format, text.Method));
        Assert.Equal(expected.Kinds, actual.Kinds);
        Assert.True(kept >= OcrCharactersKept, $"{kept:P2} of the characters kept, below {OcrCharactersKept:P0}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ReadAsync_FirstPageAsPng_OcrTextIsTheTextVersionsWithinTolerance(string seed)
    {
        var expected = TextVersion.Of(SampleReports.Bytes(seed));

        var text = await _reader.ReadAsync(documents.FirstPagePng[seed], "image/png", CancellationToken.None);

        var actual = TextVersion.Of(text);
        var precise = actual.CharactersKeptIn(expected);
        output.WriteLine($"{seed} first page as PNG: {actual.Text.Length} characters, {precise:P2} of them in the text version in order");
        Assert.Equal((Formats.DocumentFormats.Image, ReadMethods.Ocr), (text.Format, text.Method));
        Assert.True(actual.Text.Length > 500, $"{actual.Text.Length} characters");
        Assert.True(precise >= OcrCharactersKept, $"{precise:P2} of the recognised characters are the text version's, below {OcrCharactersKept:P0}");
    }

    private async Task AssertSameAsync(string seed, byte[] content, string format, string method)
    {
        var expected = TextVersion.Of(SampleReports.Bytes(seed));
        var watch = Stopwatch.StartNew();
        // A misleading declared type changes nothing: the bytes say what the file is.
        var text = await _reader.ReadAsync(content, "application/octet-stream", CancellationToken.None);
        var actual = TextVersion.Of(text);
        output.WriteLine($"{seed} {format}: {text.Pages} pages in {watch.ElapsedMilliseconds} ms, {expected.CharactersKeptIn(actual):P2} characters kept");
        output.WriteLine(HeadingDifferences(expected, actual));

        Assert.Equal((format, method), (text.Format, text.Method));
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Year, actual.Year);
        Assert.Equal(expected.Kinds, actual.Kinds);
        Assert.Equal(expected.Headings, actual.Headings);
        Assert.Equal(expected.Figures, actual.Figures);
    }

    private static string HeadingDifferences(TextVersion expected, TextVersion actual) => string.Join('\n',
        expected.Headings.Except(actual.Headings).Select(h => "- " + h).Concat(actual.Headings.Except(expected.Headings).Select(h => "+ " + h)));
}
