using Oversight.Vocabulary;

namespace Oversight.Access;

/// <summary>An authenticated caller: the key it presented, that key's role and its jurisdiction scope (a code prefix, "" for the whole country).</summary>
public sealed record Caller(string KeyId, string Name, string Role, string Scope)
{
    /// <summary>The caller of a service started with Access:Open (loopback development only): no key, no limits.</summary>
    public static Caller Open { get; } = new("", "open", Roles.ProvinceAdmin, "");

    /// <summary>An open-access caller as recorded beside what it submitted or changed: "anonymous@ipv4:127.0.0.1".</summary>
    public static Caller Anonymous(string address) => Open with { Name = "anonymous@ipv4:" + address };

    /// <summary>"name (key_id)", as written beside what the caller submitted or changed.</summary>
    public string Label => KeyId.Length == 0 ? Name : $"{Name} ({KeyId})";

    /// <summary>A jurisdiction code, or a prefix such as a rule pack's or a sweep's scope, lies inside this caller's scope.</summary>
    public bool Covers(string codeOrPrefix) => CodePrefix.Covers(Scope, codeOrPrefix);

    /// <summary>
    /// The prefix a list or aggregate query actually runs with: the requested one when inside the scope, the
    /// scope itself when the request asks for more (a 1402 caller asking for 14 gets 1402), null when the two
    /// do not meet (the answer is empty).
    /// </summary>
    public string? Narrow(string requestedPrefix) => CodePrefix.Intersect(Scope, requestedPrefix);

    /// <summary>A scope of a rule pack or the like that applies to some jurisdiction inside this caller's scope (either contains the other).</summary>
    public bool Overlaps(string prefix) => Narrow(prefix) is not null;
}
