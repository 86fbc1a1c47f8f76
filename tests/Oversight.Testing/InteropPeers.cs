namespace Oversight.Testing;

/// <summary>Where the independent gRPC implementations live; tests/run.sh installs them.</summary>
public static class InteropPeers
{
    /// <summary>Debian's python3, which has python3-grpcio (not a pyenv or venv python).</summary>
    public static string Python => Environment.GetEnvironmentVariable("OVERSIGHT_PYTHON") ?? "/usr/bin/python3";

    public static string Node => Environment.GetEnvironmentVariable("OVERSIGHT_NODE") ?? "node";

    public static string PythonPeer => RepositoryPaths.Combine("tests", "interop", "python", "echo_peer.py");

    public static string NodeClient => RepositoryPaths.Combine("tests", "interop", "node", "client.js");

    /// <summary>grpc-js as a city office's system calling keyed services with the real contracts.</summary>
    public static string NodeAccessClient => RepositoryPaths.Combine("tests", "interop", "node", "access_client.js");

    public static string NodeServer => RepositoryPaths.Combine("tests", "interop", "node", "server.js");

    /// <summary>
    /// Writes the echo proto's FileDescriptorProto, for peers that cannot compile .proto files, into the caller's folder,
    /// which deletes it with itself.
    /// </summary>
    public static string WriteEchoDescriptor(TempFolder folder)
    {
        // One file per call, moved into place whole: tests run in parallel and a peer must never read half a file.
        var path = folder.Combine($"oversight-echo-{Guid.NewGuid():N}.pb");
        var partial = path + ".partial";
        File.WriteAllBytes(partial, V1.EchoReflection.Descriptor.SerializedData.ToByteArray());
        File.Move(partial, path);
        return path;
    }
}
