using System.Text.Json.Serialization;

namespace Oversight.WebConsole.Session;

/// <summary>What the server keeps for a signed-in session: the key and who the services said it is.</summary>
public sealed record SessionEntry(string Key, string KeyId, string Name, string Role, string Scope)
{
    [JsonIgnore]
    public ConsoleUser User => new(KeyId, Name, Role, Scope);
}

[JsonSerializable(typeof(SessionEntry))]
internal sealed partial class SessionJson : JsonSerializerContext;
