using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Oversight.Analysis.Html;

/// <summary>
/// Turns a saved portal page into plain text with one line per block, tables as "| a | b |" rows (where
/// portals keep their header fields), and no scripts, styles or navigation. Portal chrome that survives
/// as text is removed later, the same way for HTML and plain text.
/// </summary>
public static class HtmlTextExtractor
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "select", "option", "button", "iframe", "svg", "canvas",
        "object", "embed", "head",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
        "table", "tbody", "thead", "tfoot", "center", "form", "fieldset", "address", "figure", "figcaption", "hr",
    };

    // Common portal CMS metadata (TRS and others) that carries the original publisher's fields.
    private static readonly (string Meta, string Field)[] MetaFields =
    [
        ("ArticleTitle", "标题"), ("PubDate", "发布日期"), ("ContentSource", "来源"), ("Keywords", "主题词"),
    ];

    public static HtmlText Extract(string html)
    {
        var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(html);
        var fields = new List<(string, string)>();
        foreach (var (meta, field) in MetaFields)
        {
            var content = document.QuerySelector($"meta[name='{meta}']")?.GetAttribute("content")?.Trim();
            if (!string.IsNullOrEmpty(content))
            {
                fields.Add((field, content));
            }
        }
        var title = document.Title?.Trim();
        var builder = new StringBuilder(html.Length / 3);
        if (document.Body is { } body)
        {
            Walk(body, builder);
        }
        return new HtmlText(TidyLines(builder.ToString()), string.IsNullOrEmpty(title) ? null : title, fields);
    }

    // Iterative, so a page nested thousands of levels deep cannot overflow the stack.
    private static void Walk(INode root, StringBuilder output)
    {
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IElement element)
            {
                var name = element.LocalName;
                if (exit)
                {
                    if (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase))
                    {
                        output.Append(" | ");
                    }
                    else if (name.Equals("tr", StringComparison.OrdinalIgnoreCase) || Blocks.Contains(name))
                    {
                        output.Append('\n');
                    }
                    continue;
                }
                if (Skipped.Contains(name) || element.HasAttribute("hidden")
                    || (element.GetAttribute("style")?.Replace(" ", "", StringComparison.Ordinal)
                        .Contains("display:none", StringComparison.OrdinalIgnoreCase) ?? false))
                {
                    continue;
                }
                if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
                {
                    output.Append('\n');
                    continue;
                }
                if (name.Equals("tr", StringComparison.OrdinalIgnoreCase))
                {
                    output.Append("\n| ");
                }
                else if (Blocks.Contains(name))
                {
                    output.Append('\n');
                }
                stack.Push((node, true));
                for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
                {
                    stack.Push((child, false));
                }
            }
            else if (node.NodeType == NodeType.Text)
            {
                AppendText(output, node.TextContent);
            }
        }
    }

    private static void AppendText(StringBuilder output, string text)
    {
        foreach (var c in text)
        {
            // Source line breaks inside a paragraph are layout, not content.
            output.Append(c is '\n' or '\r' or '\t' ? ' ' : c);
        }
    }

    private static string TidyLines(string text)
    {
        var lines = text.Split('\n');
        var output = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var raw in lines)
        {
            var line = CollapseSpaces(raw);
            if (line.Length == 0 || line == "|")
            {
                blank++;
                continue;
            }
            if (output.Length > 0)
            {
                output.Append(blank > 0 ? "\n\n" : "\n");
            }
            output.Append(line);
            blank = 0;
        }
        return output.ToString();
    }

    private static string CollapseSpaces(string line)
    {
        var output = new StringBuilder(line.Length);
        var space = false;
        foreach (var c in line)
        {
            if (c is ' ' or '\u00A0')
            {
                space = output.Length > 0;
                continue;
            }
            if (space)
            {
                output.Append(' ');
                space = false;
            }
            output.Append(c);
        }
        return output.ToString();
    }
}

public sealed record HtmlText(string Text, string? Title, IReadOnlyList<(string Name, string Value)> MetaFields);
