namespace Oversight.Analysis.Decoding;

/// <summary>Text decoded from bytes, with the charset used and how it was chosen.</summary>
public sealed record DecodedText(string Text, string Charset, string CharsetSource, bool IsHtml);
