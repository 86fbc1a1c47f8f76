using System.Diagnostics;
using System.Text;

namespace Oversight.Testing;

/// <summary>A peer program (Python grpcio, Node grpc-js) run as a real process, bounded in time.</summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private PeerProcess(Process process)
    {
        _process = process;
    }

    public int Port { get; private set; }

    /// <summary>The peer's process id (for /proc/PID, e.g. its resident memory while a test drives it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>What the peer printed on standard output up to its ready line (a welcome table, say).</summary>
    public string StartupOutput { get; private set; } = "";

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts a server peer and waits for its "listening PORT" line (or the given ready line).</summary>
    public static async Task<PeerProcess> StartServerAsync(string fileName, IEnumerable<string> arguments, TimeSpan startTimeout, string? readyLine = null)
    {
        var process = new Process { StartInfo = CreateStartInfo(fileName, arguments, redirectInput: true) };
        process.Start();
        var peer = new PeerProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (peer._stderr)
                {
                    peer._stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(startTimeout);
        var startup = new StringBuilder();
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"{fileName} exited before listening: {peer.StandardError}");
                startup.AppendLine(line);
                peer.StartupOutput = startup.ToString();
                if (readyLine is not null && line.Contains(readyLine, StringComparison.Ordinal))
                {
                    peer.DrainOutput();
                    return peer;
                }
                if (readyLine is null && line.StartsWith("listening ", StringComparison.Ordinal))
                {
                    peer.Port = int.Parse(line["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    peer.DrainOutput();
                    return peer;
                }
            }
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends the process a real signal (as Kubernetes and Ctrl+C do: "TERM", "INT") and waits for it to exit; its
    /// exit code and how long it took, or a TimeoutException (the process killed) past <paramref name="timeout"/>.
    /// </summary>
    public async Task<(int ExitCode, TimeSpan Took)> SignalAsync(string signal, TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        var (sent, _, error) = await RunAsync("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(10));
        if (sent != 0)
        {
            throw new InvalidOperationException($"kill -{signal} failed: {error}");
        }
        if (!await ExitedWithinAsync(_process, timeout))
        {
            throw new TimeoutException($"still running {timeout} after SIG{signal}: {StandardError}");
        }
        return (_process.ExitCode, started.Elapsed);
    }

    /// <summary>Waits for the process to exit; past <paramref name="timeout"/> kills it (and its children) and says so.</summary>
    private static async Task<bool> ExitedWithinAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }

    // A peer that keeps writing to a pipe nobody reads would block once the pipe is full.
    private void DrainOutput() => _ = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);

    /// <summary>Runs a program to its end; kills it past the timeout.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = CreateStartInfo(fileName, arguments, redirectInput: false) };
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!await ExitedWithinAsync(process, timeout))
        {
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}: {await error}");
        }
        return (process.ExitCode, await output, await error);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                await ExitedWithinAsync(_process, TimeSpan.FromSeconds(3));
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, IEnumerable<string> arguments, bool redirectInput)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }
}
