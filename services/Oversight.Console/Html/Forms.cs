using Microsoft.AspNetCore.Antiforgery;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Html;

/// <summary>Every form that changes something carries an antiforgery token; every POST checks it before anything else.</summary>
public static class Forms
{
    public static string Antiforgery(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    /// <summary>The form of a POST, once its antiforgery token checked out; null when it did not (the caller answers 400).</summary>
    public static async Task<IFormCollection?> ReadCheckedAsync(HttpContext context)
    {
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return null;
        }
        return await context.Request.ReadFormAsync(context.RequestAborted);
    }

    /// <summary>A select of options, the current one selected; the first option is "all" (an empty value).</summary>
    public static string Select(string name, string label, string current, IEnumerable<(string Value, string Text)> options, string all = "全部")
    {
        var html = new System.Text.StringBuilder();
        html.Append("<label>").Append(E(label)).Append(" <select name=\"").Append(E(name)).Append("\"><option value=\"\">").Append(E(all)).Append("</option>");
        foreach (var (value, text) in options)
        {
            html.Append("<option value=\"").Append(E(value)).Append('"').Append(value == current ? " selected"
                : "").Append('>').Append(E(text)).Append("</option>");
        }
        return html.Append("</select></label>").ToString();
    }

    public static string Input(string name, string label, string value, string pattern = "", string hint = "")
    {
        var pat = pattern.Length > 0 ? $" pattern=\"{E(pattern)}\"" : "";
        var title = hint.Length > 0 ? $" title=\"{E(hint)}\"" : "";
        return $"<label>{E(label)} <input name=\"{E(name)}\" value=\"{E(value)}\"{pat}{title}></label>";
    }
}
