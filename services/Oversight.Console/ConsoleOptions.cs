namespace Oversight.WebConsole;

/// <summary>The "Console" section: where the console listens and the services it calls.</summary>
public sealed class ConsoleOptions
{
    /// <summary>Whether the platform serves the console (true by default; false leaves it out).</summary>
    public bool Enabled { get; set; } = true;

    public ConsoleEndpoint Endpoint { get; set; } = new();

    /// <summary>The services' addresses, as any other caller reaches them.</summary>
    public string Ingestion { get; set; } = "";

    public string Metrics { get; set; } = "";

    public string Compliance { get; set; } = "";

    /// <summary>How long a signed-in session lasts without a request.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}

public sealed class ConsoleEndpoint
{
    public string Address { get; set; } = "127.0.0.1";

    public int Port { get; set; } = Extensions.DefaultPort;

    /// <summary>A PFX certificate: the console serves HTTPS (required on any address but loopback, where keys would cross the network).</summary>
    public string CertificatePath { get; set; } = "";

    public string CertificatePassword { get; set; } = "";
}
