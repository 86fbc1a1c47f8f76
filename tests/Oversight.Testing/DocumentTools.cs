using System.Diagnostics;

namespace Oversight.Testing;

/// <summary>
/// The programs the tests make documents with (installed by tests/install-peers.sh): LibreOffice to turn a DOCX into
/// PDF and DOC, pdftoppm to print a PDF's pages as images (a scan). Run with argument lists, bounded in time.
/// </summary>
public static class DocumentTools
{
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(4);

    /// <summary>Converts the files to the format LibreOffice names ("pdf", "doc"), into the folder, with a profile of its own.</summary>
    public static async Task ConvertAsync(IEnumerable<string> files, string format, string outputFolder, string profileFolder)
    {
        var arguments = new List<string>
        {
            "--headless", "--norestore", "--nolockcheck", $"-env:UserInstallation={new Uri(profileFolder).AbsoluteUri}",
            "--convert-to", format, "--outdir", outputFolder,
        };
        arguments.AddRange(files);
        await RunAsync("soffice", arguments);
    }

    /// <summary>Prints the PDF's pages as grey PNG images at the resolution; returns them in page order.</summary>
    public static async Task<IReadOnlyList<string>> RenderAsync(string pdf, int dpi, string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        var resolution = dpi.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await RunAsync("pdftoppm", ["-r", resolution, "-gray", "-png", pdf, Path.Combine(outputFolder, "page")]);
        return [.. Directory.GetFiles(outputFolder, "page*.png").Order(StringComparer.Ordinal)];
    }

    public static async Task RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Cap);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} ran longer than {Cap}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited {process.ExitCode}: {await output} {await error}");
        }
    }
}
