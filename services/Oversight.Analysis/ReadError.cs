namespace Oversight.Analysis;

/// <summary>Why a document could not be read. Codes are stable; messages are Simplified Chinese and say what to fix.</summary>
public sealed record ReadError(string Code, string Message)
{
    public const string ContentEmpty = "CONTENT_EMPTY";
    public const string Undecodable = "CONTENT_UNDECODABLE";
    public const string UnsupportedCharset = "CHARSET_UNSUPPORTED";
    public const string NoText = "CONTENT_NO_TEXT";
}
