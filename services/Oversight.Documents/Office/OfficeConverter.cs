using Oversight.Documents.Processes;

namespace Oversight.Documents.Office;

/// <summary>What a LibreOffice conversion gave: the converted file's bytes, or why there are none.</summary>
internal sealed record Conversion(byte[]? Content, bool TimedOut, string Error);

/// <summary>
/// Converts a DOC or WPS to DOCX with LibreOffice headless, in its own process under the limits, with a profile of
/// its own in the read's working folder (so conversions run side by side and nothing is left behind).
/// </summary>
internal static class OfficeConverter
{
    public static async Task<Conversion> ToDocxAsync(
        ReadOnlyMemory<byte> content, WorkFolder folder, DocumentLimits limits, CancellationToken cancellationToken)
    {
        var input = await folder.WriteAsync("attachment.doc", content, cancellationToken);
        var output = folder.Combine("out");
        Directory.CreateDirectory(output);
        var profile = new Uri(folder.Combine("profile")).AbsoluteUri;
        string[] arguments =
        [
            "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo", "--nofirststartwizard",
            $"-env:UserInstallation={profile}",
            "--convert-to", "docx:MS Word 2007 XML",
            "--outdir", output,
            input,
        ];
        var outcome = await LimitedProcess.RunAsync(limits.OfficeProgram, arguments, folder.Path, limits, 64 * 1024, cancellationToken);
        var converted = Path.Combine(output, "attachment.docx");
        if (outcome.TimedOut)
        {
            return new Conversion(null, true, "");
        }
        if (!File.Exists(converted))
        {
            return new Conversion(null, false, Tail(outcome.Error.Length > 0 ? outcome.Error : outcome.Output));
        }
        var size = new FileInfo(converted).Length;
        if (size > limits.ConverterFileBytes)
        {
            return new Conversion(null, false, $"output of {size} bytes");
        }
        return new Conversion(await File.ReadAllBytesAsync(converted, cancellationToken), false, "");
    }

    private static string Tail(string text) => text.Length <= 400 ? text.Trim() : text[^400..].Trim();
}
