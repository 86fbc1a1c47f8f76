using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Oversight.Documents.Processes;

/// <summary>How a converter run ended: its exit code, whether it was killed at the time cap, and its bounded output.</summary>
internal sealed record ProcessOutcome(int ExitCode, bool TimedOut, string Output, string Error, bool OutputTruncated);

/// <summary>
/// Runs a converter as a child process under limits: <c>prlimit</c> sets its address space, CPU time, largest file
/// and no core dumps before it starts; the wall time is ours (the whole process tree is killed at the cap); its
/// output is read up to a bound and the rest drained unread. Arguments go as an argument list, never through a
/// shell, so nothing a caller sent is ever interpreted.
/// </summary>
internal static class LimitedProcess
{
    private const int ErrorBytes = 16 * 1024;

    /// <exception cref="Win32Exception">The program (or prlimit) is not installed.</exception>
    public static async Task<ProcessOutcome> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, DocumentLimits limits, int maxOutputBytes,
        CancellationToken cancellationToken)
    {
        var resolved = Resolve(program) ?? throw new Win32Exception($"{program} is not installed");
        var start = new ProcessStartInfo(Resolve("prlimit") ?? throw new Win32Exception("prlimit is not installed"))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        var cpuSeconds = (long)Math.Ceiling(limits.Timeout.TotalSeconds) + 5;
        start.ArgumentList.Add($"--as={limits.ConverterMemoryBytes}");
        start.ArgumentList.Add($"--cpu={cpuSeconds}");
        start.ArgumentList.Add($"--fsize={limits.ConverterFileBytes}");
        start.ArgumentList.Add("--core=0");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(resolved);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // The converters write their caches and profiles under HOME and TMPDIR: the working folder, deleted after.
        start.Environment["HOME"] = workingDirectory;
        start.Environment["TMPDIR"] = workingDirectory;
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["LC_ALL"] = "C.UTF-8";
        // Tesseract's OpenMP threads would take every core; reads are parallel across attachments instead.
        start.Environment["OMP_THREAD_LIMIT"] = "1";

        using var process = Process.Start(start) ?? throw new Win32Exception($"{program} did not start");
        process.StandardInput.Close();
        var output = ReadBoundedAsync(process.StandardOutput.BaseStream, maxOutputBytes);
        var error = ReadBoundedAsync(process.StandardError.BaseStream, ErrorBytes);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.Timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        var (outBytes, truncated) = await output;
        var (errBytes, _) = await error;
        cancellationToken.ThrowIfCancellationRequested();
        return new ProcessOutcome(timedOut ? -1 : process.ExitCode, timedOut, Encoding.UTF8.GetString(outBytes), Encoding.UTF8.GetString(errBytes), truncated);
    }

    // A program named without a folder is looked up on PATH, as a shell would; one that is not there is not installed.
    private static string? Resolve(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own between the deadline and the kill.
        }
    }

    // Keeps the first maxBytes and drains the rest, so a converter that writes without end never blocks on a full pipe
    // and never fills our memory.
    private static async Task<(byte[] Bytes, bool Truncated)> ReadBoundedAsync(Stream stream, int maxBytes)
    {
        var kept = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var truncated = false;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            var room = maxBytes - (int)kept.Length;
            if (room > 0)
            {
                kept.Write(buffer, 0, Math.Min(room, read));
            }
            truncated |= read > room;
        }
        return (kept.ToArray(), truncated);
    }
}
