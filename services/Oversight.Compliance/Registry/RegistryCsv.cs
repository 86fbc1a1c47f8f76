using Oversight.Contracts.Compliance.V1;
using System.Text;
using Grpc.Core;
using Oversight.Analysis.Metadata;
using Oversight.Compliance.Storage;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Registry;

/// <summary>One bad row of an import: its line number, a stable reason and what to fix.</summary>
public sealed record RegistryRowError(long Line, string Reason, string Message);

/// <summary>
/// Reads the registry CSV (code,name,level,parent_code,kind,must_report) from chunks cut anywhere. Lines end at
/// LF bytes, which never occur inside a UTF-8 character, so a chunk boundary cannot split one. Fields may be quoted.
/// What it holds is bounded: a line longer than <paramref name="maxLineBytes"/> ends the import with
/// INVALID_ARGUMENT <c>CSV_LINE_TOO_LONG</c> before it is buffered, a line past <paramref name="maxLines"/> with
/// RESOURCE_EXHAUSTED <c>CSV_TOO_MANY_LINES</c> (what was stored before stays, and the import's audit entry says so).
/// </summary>
/// <param name="scope">Codes this import may touch (the importer's jurisdiction scope); rows outside it are row errors.</param>
/// <param name="maxLineBytes">The longest line read, in bytes without its line break.</param>
/// <param name="maxLines">The most lines one import reads, the header, comments and blank lines included.</param>
public sealed class RegistryCsv(string scope = "", int maxLineBytes = RegistryCsv.DefaultMaxLineBytes, long maxLines = RegistryCsv.DefaultMaxLines)
{
    public static readonly string[] Header = ["code", "name", "level", "parent_code", "kind", "must_report"];

    /// <summary>
    /// The optional seventh column: the portal columns where the body publishes, separated by spaces, each
    /// <c>type=address</c> (<c>information_disclosure=https://…/index.html</c>) or a bare address for the rule-of-law report.
    /// A file without the column leaves the columns stored before as they are.
    /// </summary>
    public const string PortalColumnsHeader = "portal_columns";

    private int _fieldCount = Header.Length;

    /// <summary>A registry line is six short fields: a few hundred bytes; 4 KiB leaves room for long names and quoting.</summary>
    public const int DefaultMaxLineBytes = 4096;

    /// <summary>Every county- and township-level body in China is about 45,000 lines; a province's departments fit many times over.</summary>
    public const long DefaultMaxLines = 1_000_000;

    private readonly List<byte> _pending = [];
    private readonly List<RegistryRowError> _errors = [];
    private long _line;
    private bool _headerSeen;

    public long RowsRead { get; private set; }

    /// <summary>Bad rows listed in an answer; past these, one more entry (<c>CSV_TOO_MANY_ERRORS</c>) says how many more there were.</summary>
    public const int MaxListedErrors = 1000;

    /// <summary>Every bad row, listed or not.</summary>
    public long ErrorCount { get; private set; }

    public IReadOnlyList<RegistryRowError> Errors => ErrorCount > _errors.Count
        ? [.. _errors, new RegistryRowError(_firstUnlisted, Reasons.CsvTooManyErrors,
            $"另有 {ErrorCount - _errors.Count} 行有误未列出(从第 {_firstUnlisted} 行起):请先改正以上各行再导入")]
        : _errors;

    private long _firstUnlisted;

    // Kept up to a bound, so a file of a million bad rows answers with a thousand and a count, not a million messages.
    private void AddError(RegistryRowError error)
    {
        ErrorCount++;
        if (_errors.Count < MaxListedErrors)
        {
            _errors.Add(error);
        }
        else if (_firstUnlisted == 0)
        {
            _firstUnlisted = error.Line;
        }
    }

    /// <summary>Reads the complete lines of a chunk; returns the good rows among them.</summary>
    public List<BodyRow> Read(ReadOnlySpan<byte> chunk, DateTimeOffset now)
    {
        var rows = new List<BodyRow>();
        var start = 0;
        for (var i = 0; i < chunk.Length; i++)
        {
            if (chunk[i] == (byte)'\n')
            {
                Append(chunk[start..i]);
                ReadLine(rows, now);
                start = i + 1;
            }
        }
        Append(chunk[start..]);
        return rows;
    }

    /// <summary>The last line, when the file does not end with a line break.</summary>
    public List<BodyRow> Finish(DateTimeOffset now)
    {
        var rows = new List<BodyRow>();
        if (_pending.Count > 0)
        {
            ReadLine(rows, now);
        }
        if (!_headerSeen)
        {
            AddError(new RegistryRowError(1, Reasons.CsvHeaderMissing, $"没有表头:第一行应为 {string.Join(",", Header)}"));
        }
        return rows;
    }

    // Checked before the bytes are kept: a line without an end never grows past the limit.
    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_pending.Count + bytes.Length > maxLineBytes)
        {
            throw new ServiceError(StatusCode.InvalidArgument, Reasons.CsvLineTooLong,
                $"第 {_line + 1} 行超过 {maxLineBytes} 字节:名录每行一个机关,请检查文件是否缺少换行符或不是名录 CSV", ChunkField).ToRpcException();
        }
        _pending.AddRange(bytes);
    }

    private void ReadLine(List<BodyRow> rows, DateTimeOffset now)
    {
        if (_line >= maxLines)
        {
            throw new ServiceError(StatusCode.ResourceExhausted, Reasons.CsvTooManyLines,
                $"一次导入最多 {maxLines} 行:请把名录分成几个文件分别导入", ChunkField).ToRpcException();
        }
        _line++;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(_pending.ToArray()).TrimEnd('\r').TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            _pending.Clear();
            AddError(new RegistryRowError(_line, Reasons.CsvNotUtf8, "这一行不是 UTF-8 编码:请把文件另存为 UTF-8"));
            return;
        }
        _pending.Clear();
        if (text.Length == 0 || text.StartsWith('#'))
        {
            return;
        }
        var fields = Split(text);
        if (!_headerSeen)
        {
            _headerSeen = true;
            var names = fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
            _fieldCount = names.Count == Header.Length + 1 && names[^1] == PortalColumnsHeader ? names.Count : Header.Length;
            if (!names.Take(Header.Length).SequenceEqual(Header) || names.Count != _fieldCount)
            {
                AddError(new RegistryRowError(_line, Reasons.CsvHeaderInvalid, $"表头应为 {string.Join(",", Header)}(可再加一列 {PortalColumnsHeader}),实际为 {text}"));
            }
            return;
        }
        RowsRead++;
        if (fields.Count != _fieldCount)
        {
            AddError(new RegistryRowError(_line, Reasons.CsvFieldCount, $"应有 {_fieldCount} 列,实际 {fields.Count} 列"));
            return;
        }
        string? portalColumns = null;
        if (_fieldCount > Header.Length)
        {
            (portalColumns, var invalid) = PortalColumns.Normalize(fields[^1]);
            if (invalid is not null)
            {
                AddError(new RegistryRowError(_line, Reasons.PortalColumnInvalid,
                    $"portal_columns 中的 '{invalid}' 无效:每项写成 类型=网址(如 information_disclosure=https://www.example.gov.cn/xxgk/ndbg/index.html),"
                    + "或只写网址(法治政府建设年度报告栏目),多项用空格分隔"));
                return;
            }
        }
        var (code, name, level, parent, kind, must) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim(),
            fields[4].Trim(), fields[5].Trim());
        var problem =
            !IsBodyCode(code) ? (Reasons.CodeInvalid, $"code '{code}' 无效:请填写6位或9位行政区划代码,部门用 <区划代码>-<后缀>,如 140225-sfj") :
            name.Length == 0 ? (Reasons.NameMissing, "name 为空:请填写机关名称") :
            !ScopeRules.Levels.Contains(level) ? (Reasons.LevelInvalid, $"level '{level}' 无效:可选 {string.Join("、", ScopeRules.Levels)}") :
            parent.Length > 0 && !IsBodyCode(parent) ? (Reasons.ParentInvalid, $"parent_code '{parent}' 无效:请填写上级的行政区划代码,或留空") :
            kind is not ("government" or "department") ? (Reasons.KindInvalid, $"kind '{kind}' 无效:可选 government 或 department") :
            ParseBool(must) is null ? (Reasons.MustReportInvalid, $"must_report '{must}' 无效:请填写 true/false(或 1/0、是/否)") :
            !CodePrefix.Covers(scope, code) ? (Reasons.ScopeNotCovered, $"code '{code}' 不在您的辖区范围(代码前缀 {scope})内:只能导入本辖区的机关") :
            default((string, string)?);
        if (problem is { } p)
        {
            AddError(new RegistryRowError(_line, p.Item1, p.Item2));
            return;
        }
        rows.Add(new BodyRow
        {
            Code = code, Name = name, Level = level, ParentCode = parent, Kind = kind, MustReport = ParseBool(must)!.Value, UpdatedAt = now,
            PortalColumns = portalColumns,
        });
    }

    public static bool IsBodyCode(string code)
    {
        var dash = code.IndexOf('-', StringComparison.Ordinal);
        var division = dash < 0 ? code : code[..dash];
        var suffix = dash < 0 ? "" : code[(dash + 1)..];
        return JurisdictionLevels.IsWellFormedCode(division)
            && (dash < 0 || (suffix.Length is > 0 and <= 24 && suffix.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')));
    }

    private static bool? ParseBool(string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "是" => true,
        "false" or "0" or "no" or "否" => false,
        _ => null,
    };

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }

    private static readonly string ChunkField = Fields.Of<ImportRegistryRequest>(ImportRegistryRequest.CsvChunkFieldNumber).JsonName;
}
