using System.Globalization;

namespace Oversight.Testing;

/// <summary>A process's resident memory as Linux reports it (VmRSS in /proc/PID/status); 0 once the process is gone.</summary>
public static class ProcessMemory
{
    public static long ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
