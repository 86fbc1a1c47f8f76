using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Oversight.Testing;
using Oversight.Vocabulary;
using UglyToad.PdfPig.Writer;

namespace Oversight.Documents.Tests;

/// <summary>
/// What an attachment may cost: each limit refuses with its reason and a Chinese message, in time, and leaves no
/// working folder (every read here works under a folder of its own that must be empty after).
/// </summary>
public sealed class LimitTests : IDisposable
{
    private readonly TempFolder _root = TempFolder.Create("oversight-attachment-limits-");

    public void Dispose() => _root.Dispose();

    private DocumentLimits Limits(Action<DocumentLimits>? change = null)
    {
        var limits = new DocumentLimits { TempRoot = _root.Path };
        change?.Invoke(limits);
        return limits;
    }

    [Fact]
    public async Task ReadAsync_ZipBombDocx_RefusedUnpacksTooLargeWithoutUnpackingIt()
    {
        // 512 MB of spaces as word/document.xml: about 500 KB packed.
        using var packed = new MemoryStream();
        using (var zip = new ZipArchive(packed, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var block = Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024));
            for (var i = 0; i < 512; i++)
            {
                await entry.WriteAsync(block);
            }
        }
        var reader = new AttachmentReader(Limits(l => l.MaxUnpackedBytes = 16 * 1024 * 1024));
        var watch = Stopwatch.StartNew();

        var text = await reader.ReadAsync(packed.ToArray(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", CancellationToken.None);

        AssertRefused(text, Reasons.AttachmentUnpacksTooLarge);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed}");
    }

    [Fact]
    public async Task ReadAsync_DocxOfTooManyParts_RefusedUnpacksTooLarge()
    {
        var docx = SeedDocuments.Write("标题\n正文。");
        using var packed = new MemoryStream();
        packed.Write(docx);
        using (var zip = new ZipArchive(packed, ZipArchiveMode.Update, leaveOpen: true))
        {
            for (var i = 0; i < 60; i++)
            {
                zip.CreateEntry($"word/media/image{i}.png");
            }
        }

        var text = await new AttachmentReader(Limits(l => l.MaxZipEntries = 50)).ReadAsync(packed.ToArray(), null, CancellationToken.None);

        AssertRefused(text, Reasons.AttachmentUnpacksTooLarge);
    }

    [Fact]
    public async Task ReadAsync_PdfOfMorePagesThanTheLimit_RefusedTooLargeBeforeReadingPages()
    {
        var builder = new PdfDocumentBuilder();
        for (var i = 0; i < 30; i++)
        {
            builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        }

        var text = await new AttachmentReader(Limits(l => l.MaxPages = 20)).ReadAsync(builder.Build(), "application/pdf", CancellationToken.None);

        AssertRefused(text, Reasons.AttachmentTooLarge);
        Assert.Contains("30 页", text.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MoreBytesThanTheLimit_RefusedTooLarge()
    {
        var text = await new AttachmentReader(Limits(l => l.MaxBytes = 1024)).ReadAsync(new byte[2048], "application/pdf", CancellationToken.None);

        AssertRefused(text, Reasons.AttachmentTooLarge);
    }

    [Fact]
    public async Task ReadAsync_ConverterThatHangs_RefusedReadTimeoutInTimeAndKilled()
    {
        // A "LibreOffice" that never ends: it notes its process id where the test can see it, then sleeps.
        var pidFile = _root.Combine("converter.pid");
        var converter = _root.Combine("hanging-soffice");
        await ScriptAsync(converter, $"echo $$ > '{pidFile}'\nexec sleep 600");
        var reader = new AttachmentReader(Limits(l =>
        {
            l.OfficeProgram = converter;
            l.Timeout = TimeSpan.FromSeconds(2);
        }));
        var watch = Stopwatch.StartNew();

        var text = await reader.ReadAsync(OleFile(), "application/msword", CancellationToken.None);

        AssertRefused(text, Reasons.AttachmentReadTimeout);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed}");
        var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.UntilAsync(() => !Directory.Exists($"/proc/{pid}"), TimeSpan.FromSeconds(5), $"the hanging converter (pid {pid}) killed");
    }

    [Fact]
    public async Task ReadAsync_Converter_RunsUnderTheMemoryCpuAndFileLimits()
    {
        // A "LibreOffice" that reports the limits it runs under, then fails as a converter that wrote nothing.
        var limitsFile = _root.Combine("limits.txt");
        var converter = _root.Combine("reporting-soffice");
        await ScriptAsync(converter, $"cat /proc/self/limits > '{limitsFile}'\nexit 3");
        var reader = new AttachmentReader(Limits(l =>
        {
            l.OfficeProgram = converter;
            l.ConverterMemoryBytes = 1024L * 1024 * 1024;
            l.ConverterFileBytes = 64L * 1024 * 1024;
            l.Timeout = TimeSpan.FromSeconds(30);
        }));

        var text = await reader.ReadAsync(OleFile(), null, CancellationToken.None);

        AssertRefused(text, Reasons.AttachmentDamaged);
        var limits = await File.ReadAllLinesAsync(limitsFile);
        Assert.Matches(@"Max address space\s+1073741824\s+1073741824", limits.Single(l => l.StartsWith("Max address space", StringComparison.Ordinal)));
        Assert.Matches(@"Max file size\s+67108864\s+67108864", limits.Single(l => l.StartsWith("Max file size", StringComparison.Ordinal)));
        Assert.Matches(@"Max cpu time\s+35\s+35", limits.Single(l => l.StartsWith("Max cpu time", StringComparison.Ordinal)));
        Assert.Matches(@"Max core file size\s+0\s+0", limits.Single(l => l.StartsWith("Max core file size", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReadAsync_ConverterNotInstalled_RefusedReaderUnavailable()
    {
        var reader = new AttachmentReader(Limits(l => l.OcrProgram = _root.Combine("no-such-tesseract")));

        var text = await reader.ReadAsync(Png(), "image/png", CancellationToken.None);

        AssertRefused(text, Reasons.AttachmentReaderUnavailable);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/pdf")]
    public async Task ReadAsync_BytesOfNoDocumentFormat_RefusedFormatUnsupportedWhateverTheDeclaredType(string declared)
    {
        var text = await new AttachmentReader(Limits()).ReadAsync(Encoding.UTF8.GetBytes("普兰县2025年法治政府建设年度报告"), declared, CancellationToken.None);

        AssertRefused(text, Reasons.AttachmentFormatUnsupported);
    }

    [Fact]
    public async Task ReadAsync_ZipThatIsNotAWordDocument_RefusedFormatUnsupported()
    {
        using var packed = new MemoryStream();
        using (var zip = new ZipArchive(packed, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("xl/workbook.xml");
        }

        var text = await new AttachmentReader(Limits()).ReadAsync(packed.ToArray(), null, CancellationToken.None);

        AssertRefused(text, Reasons.AttachmentFormatUnsupported);
    }

    [Fact]
    public async Task ReadAsync_TruncatedPdf_RefusedDamaged()
    {
        var text = await new AttachmentReader(Limits()).ReadAsync(Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog"), null,
            CancellationToken.None);

        AssertRefused(text, Reasons.AttachmentDamaged);
    }

    [Fact]
    public async Task ReadAsync_BlankScan_RefusedNoText()
    {
        var text = await new AttachmentReader(Limits()).ReadAsync(Png(), "image/png", CancellationToken.None);

        AssertRefused(text, Reasons.AttachmentNoText);
    }

    private void AssertRefused(AttachmentText text, string reason)
    {
        Assert.False(text.Succeeded);
        Assert.Equal(reason, text.Refusal!.Reason);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text.Refusal.Message);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_root.Path),
            p => Path.GetFileName(p).StartsWith("oversight-attachment-", StringComparison.Ordinal));
    }

    private static async Task ScriptAsync(string path, string body)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the converters run under prlimit (Linux)");
        }
        await File.WriteAllTextAsync(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    // The first bytes of an OLE2 compound file (DOC, WPS), enough to be sent to LibreOffice.
    private static byte[] OleFile() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

    // A white 64×64 PNG: a scan of an empty page.
    private static byte[] Png() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAAAAACPAi4CAAAAKUlEQVR4nO3MQREAAAwCIPuX1hD77SAA6VEEAoFAIBAIBAKBQCAQfA8Gpwvw4pr3blgAAAAASUVORK5CYII=");
}
