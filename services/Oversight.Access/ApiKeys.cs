using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Oversight.Access;

/// <summary>
/// The key format, "ovk_&lt;key id&gt;_&lt;secret&gt;": the id is public (listed, logged, revoked by), the secret
/// is 256 random bits stored only as a salted hash. A fast keyed hash is enough here: slow hashes protect
/// guessable passwords, and a 256-bit random secret cannot be guessed.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "ovk_";
    private const int IdLength = 16;
    private const int SecretBytes = 32;
    private const int SaltBytes = 16;

    public sealed record Issued(string KeyId, string Token, string Salt, string Hash);

    public static Issued Create()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new Issued(keyId, $"{Prefix}{keyId}_{secret}", Convert.ToBase64String(salt), Convert.ToBase64String(HashOf(salt, secret)));
    }

    /// <summary>Splits a presented key; false when it cannot be one of ours (nothing to look up).</summary>
    public static bool TryParse(string token, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (token.Length != Prefix.Length + IdLength + 1 + 43 || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[Prefix.Length + IdLength] != '_')
        {
            return false;
        }
        var id = token.AsSpan(Prefix.Length, IdLength);
        if (id.IndexOfAnyExcept("0123456789abcdef") >= 0)
        {
            return false;
        }
        keyId = id.ToString();
        secret = token[(Prefix.Length + IdLength + 1)..];
        return true;
    }

    /// <summary>The secret matches the stored salt and hash (constant-time comparison).</summary>
    public static bool Matches(string secret, string salt, string hash)
    {
        try
        {
            return CryptographicOperations.FixedTimeEquals(HashOf(Convert.FromBase64String(salt), secret), Convert.FromBase64String(hash));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] HashOf(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));
}
