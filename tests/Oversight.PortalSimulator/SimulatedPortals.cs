using System.Globalization;
using System.Net;
using System.Text;

namespace Oversight.PortalSimulator;

/// <summary>The content-management systems whose column layouts portals use.</summary>
public enum PortalLayout
{
    /// <summary>TRS WCM: column/index.html, index_1.html … by a createPageHTML script; articles ./yyyyMM/tyyyyMMdd_id.html.</summary>
    Trs,

    /// <summary>Hanweb (大汉): /col/colN/index.html?uid=…&amp;pageNum=2 links; articles /art/y/m/d/art_N_id.html.</summary>
    Hanweb,

    /// <summary>gkmlpt (广东政务公开目录): column/index.html, index_2.html … links; articles /gkmlpt/content/a/b/post_id.html.</summary>
    Gkmlpt,
}

public sealed record SimulatedBody(string Code, string Name);

/// <summary>A report a simulated portal publishes: on its article page, or only as an attachment the page links.</summary>
public sealed record PlannedReport(int Year, string ReportType, DateOnly Published, bool ShowDate = true, string? AttachmentExtension = null,
    byte[]? AttachmentBytes = null);

/// <summary>What a body's portal should hold: its layout and charset, its reports, and how many other notices around them.</summary>
public sealed record PortalPlan(SimulatedBody Body, PortalLayout Layout, string Charset, IReadOnlyList<PlannedReport> Reports, int OtherArticles = 12,
    bool DisallowArchive = true);

public sealed record PublishedReport(PlannedReport Plan, string Title, Uri Article, Uri? Attachment);

/// <summary>A portal as published: where its column starts, its reports, and the paths robots.txt forbids (never to be fetched).</summary>
public sealed record PublishedPortal(SimulatedBody Body, PortalLayout Layout, SimulatedHost Host, Uri ColumnAddress, IReadOnlyList<PublishedReport> Reports,
    string? DisallowedPrefix)
{
    public string ReportType => Reports.FirstOrDefault()?.Plan.ReportType ?? "rule_of_law";
}

/// <summary>
/// Builds portals on simulated hosts: a column of list pages (ten links a page, newest first, the layout's pagination),
/// report articles among other notices (plans and a work summary that look like reports but are not), articles in the
/// plan's charset, attachments with the bytes the test gives, a robots.txt that forbids an archive the list links to.
/// </summary>
public static class SimulatedPortals
{
    private const int LinksPerPage = 10;

    public static readonly string[] ReportTitleCue = ["法治政府建设年度报告", "政府信息公开工作年度报告"];

    /// <summary>A few plans for the standalone simulator: 大同市's counties, one layout each in turn.</summary>
    public static IReadOnlyList<PortalPlan> Sample(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PortalPlan(
            new SimulatedBody($"14022{i % 10}", $"示例{i}县"), (PortalLayout)(i % 3), i % 2 == 0 ? "utf-8" : "gbk",
            [new PlannedReport(2025, "rule_of_law", new DateOnly(2026, 3, 20))]))];

    public static IReadOnlyList<PublishedPortal> Publish(PortalSimulator simulator, IReadOnlyList<PortalPlan> plans)
    {
        if (plans.Count > simulator.Hosts.Count)
        {
            throw new ArgumentException($"{plans.Count} portals need as many hosts; the simulator has {simulator.Hosts.Count}", nameof(plans));
        }
        return [.. plans.Select((plan, i) => Publish(simulator.Hosts[i], plan, i))];
    }

    public static PublishedPortal Publish(SimulatedHost host, PortalPlan plan, int seed)
    {
        var encoding = Encoding(plan.Charset);
        var column = ColumnPath(plan.Layout, seed);
        var articles = new List<(string Title, string Path, DateOnly Date)>();
        var reports = new List<PublishedReport>();
        var id = 100_000 + seed * 1000;
        foreach (var report in plan.Reports)
        {
            var title = Title(plan.Body, report.Year, report.ReportType);
            var path = ArticlePath(plan.Layout, column, report.Published, seed, ++id);
            Uri? attachment = null;
            string body;
            if (report.AttachmentExtension is { } extension)
            {
                var file = AttachmentPath(plan.Layout, path, ++id, extension);
                host.Put(file, new SimulatedResource { Body = report.AttachmentBytes ?? [], ContentType = MediaType(extension) });
                attachment = host[file];
                body = $"<p>现将《{title}》予以公开,详见附件。</p><p>附件:<a href=\"{Relative(path, file)}\">{title}{extension}</a></p>";
            }
            else
            {
                body = ReportBody(plan.Body, report.Year, report.ReportType);
            }
            host.Put(path, Article(title, report.ShowDate ? report.Published : null, body, plan.Charset, encoding, $"\"r{id}\""));
            articles.Add((title, path, report.Published));
            reports.Add(new PublishedReport(report, title, host[path], attachment));
        }
        for (var i = 0; i < plan.OtherArticles; i++)
        {
            var date = new DateOnly(2024, 1, 5).AddDays(i * 37 % 700);
            var title = OtherTitle(plan.Body, i, date.Year);
            var path = ArticlePath(plan.Layout, column, date, seed, ++id);
            host.Put(path, Article(title, date, $"<p>{title}。</p>", plan.Charset, encoding, $"\"o{id}\""));
            articles.Add((title, path, date));
        }
        var ordered = articles.OrderByDescending(a => a.Date).ThenBy(a => a.Path, StringComparer.Ordinal).ToList();
        var pages = Math.Max(1, (ordered.Count + LinksPerPage - 1) / LinksPerPage);
        string? disallowed = null;
        var archiveTitle = "";
        if (plan.DisallowArchive)
        {
            // An archive the list links to that the portal asks robots not to fetch.
            disallowed = "/archive/";
            host.Put("/archive/old.html", Article("历史信息归档", null, "<p>归档</p>", plan.Charset, encoding, null));
            archiveTitle = Title(plan.Body, plan.Reports.FirstOrDefault()?.Year ?? 2025, plan.Reports.FirstOrDefault()?.ReportType ?? "rule_of_law") + "(归档)";
            host.Robots = "User-agent: *\nDisallow: /archive/\n";
        }
        for (var page = 0; page < pages; page++)
        {
            var links = ordered.Skip(page * LinksPerPage).Take(LinksPerPage).Select(a => (a.Title, Relative(column + "index.html", a.Path), a.Date));
            host.Put(PagePath(plan.Layout, column, page, seed), ListPage(plan, links, page, pages, column, seed, disallowed, archiveTitle, encoding));
        }
        return new PublishedPortal(plan.Body, plan.Layout, host, host[column + "index.html"], reports, disallowed);
    }

    public static string Title(SimulatedBody body, int year, string reportType) =>
        reportType == "information_disclosure" ? $"{body.Name}{year}年政府信息公开工作年度报告" : $"{body.Name}{year}年法治政府建设年度报告";

    private static string OtherTitle(SimulatedBody body, int i, int year) => (i % 4) switch
    {
        0 => $"{body.Name}{year}年法治政府建设工作要点",
        1 => $"关于印发《{body.Name}{year}年普法依法治理工作计划》的通知",
        2 => $"{body.Name}{year - 1}年度法治政府建设工作总结的公示",
        _ => $"{body.Name}关于开展{year}年行政执法案卷评查的通知",
    };

    private static string ColumnPath(PortalLayout layout, int seed) => layout switch
    {
        PortalLayout.Trs => "/zwgk/fdzdgknr/fzzfjsndbg/",
        PortalLayout.Hanweb => $"/col/col{1229000000 + seed}/",
        _ => "/xxgk/ndfzzfjsbg/",
    };

    private static string PagePath(PortalLayout layout, string column, int page, int seed) => (layout, page) switch
    {
        (_, 0) => column + "index.html",
        (PortalLayout.Trs, _) => column + $"index_{page}.html",
        (PortalLayout.Hanweb, _) => column + $"index.html?uid={7000 + seed}&pageNum={page + 1}",
        _ => column + $"index_{page + 1}.html",
    };

    private static string ArticlePath(PortalLayout layout, string column, DateOnly date, int seed, int id) => layout switch
    {
        PortalLayout.Trs => column + $"{date:yyyyMM}/t{date:yyyyMMdd}_{id}.html",
        PortalLayout.Hanweb => $"/art/{date.Year}/{date.Month}/{date.Day}/art_{1229000000 + seed}_{id}.html",
        _ => $"/gkmlpt/content/{id % 10}/{id / 10}/post_{id}.html",
    };

    private static string AttachmentPath(PortalLayout layout, string article, int id, string extension) => layout switch
    {
        PortalLayout.Trs => article[..(article.LastIndexOf('/') + 1)] + $"P0{id}{extension}",
        PortalLayout.Hanweb => $"/module/download/{id}/{id}{extension}",
        _ => $"/attachment/0/{id % 100}/{id}{extension}",
    };

    private static SimulatedResource ListPage(PortalPlan plan, IEnumerable<(string Title, string Href, DateOnly Date)> links, int page, int pages,
        string column,
        int seed, string? disallowed, string archiveTitle, Encoding encoding)
    {
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html><head><meta charset=\"{plan.Charset}\"><title>法治政府建设年度报告_{plan.Body.Name}人民政府</title></head><body>");
        html.Append("<div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a></div><ul class=\"list\">");
        foreach (var (title, href, date) in links)
        {
            // Lists cut long titles; the whole title is in the title attribute, as portals write it.
            var shown = title.Length > 18 ? title[..18] + "…" : title;
            html.Append(
                $"<li><a href=\"{href}\" title=\"{WebUtility.HtmlEncode(title)}\" " +
                $"target=\"_blank\">{WebUtility.HtmlEncode(shown)}</a><span>{date:yyyy-MM-dd}</span></li>");
        }
        html.Append("</ul>");
        if (disallowed is not null)
        {
            // A report's title on a link robots.txt forbids: the watcher must leave it alone.
            html.Append($"<a href=\"{disallowed}old.html\">{WebUtility.HtmlEncode(archiveTitle)}</a>");
        }
        html.Append(Pager(plan.Layout, page, pages, column, seed));
        html.Append("</body></html>");
        return new SimulatedResource
        {
            Body = encoding.GetBytes(html.ToString()),
            ContentType = $"text/html; charset={plan.Charset}",
            ETag = $"\"l{seed}-{page}-{html.Length}\"",
        };
    }

    private static string Pager(PortalLayout layout, int page, int pages, string column, int seed)
    {
        if (pages <= 1)
        {
            return "";
        }
        return layout switch
        {
            // TRS writes its pager with a script; the pages are index.html, index_1.html … index_{count-1}.html.
            PortalLayout.Trs => $"<div class=\"page\"><script>createPageHTML({pages}, {page}, \"index\", \"html\");</script></div>",
            PortalLayout.Hanweb => page + 1 < pages
                ? $"<div class=\"page\"><a href=\"{column}index.html?uid={7000 + seed}&amp;pageNum={page + 2}\">下一页</a></div>"
                : "",
            _ => "<div class=\"page\">" + string.Concat(Enumerable.Range(2, pages - 1).Select(n => $"<a href=\"index_{n}.html\">{n}</a>")) + "</div>",
        };
    }

    private static SimulatedResource Article(string title, DateOnly? published, string body, string charset, Encoding encoding, string? etag)
    {
        var date = published is { } d ? $"<span>发布日期:{d:yyyy-MM-dd}</span>" : "";
        var html = $"<!DOCTYPE html><html><head><meta charset=\"{charset}\"><title>{title}</title></head><body>"
            + $"<div class=\"header\"><h1>{title}</h1>{date}<span>来源:本网</span></div><div class=\"content\">{body}</div></body></html>";
        return new SimulatedResource
        {
            Body = encoding.GetBytes(html),
            ContentType = $"text/html; charset={charset}",
            ETag = etag,
            LastModified = published is { } p ? new DateTimeOffset(p.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)) : null,
        };
    }

    /// <summary>A report in the five parts the regulation asks for, written for the tests (no real page's text).</summary>
    public static string ReportBody(SimulatedBody body, int year, string reportType)
    {
        if (reportType == "information_disclosure")
        {
            return $"<p>本报告根据《中华人民共和国政府信息公开条例》编制,报告所列数据统计期限为{year}年1月1日至12月31日。</p>"
                + $"<p>一、总体情况</p><p>{year}年,{body.Name}认真贯彻落实政府信息公开条例,主动公开政府信息。</p>"
                + "<p>二、主动公开政府信息情况</p><p>全年主动公开各类信息。</p>"
                + "<p>三、收到和处理政府信息公开申请情况</p><p>全年收到申请并依法答复。</p>"
                + "<p>四、政府信息公开行政复议、行政诉讼情况</p><p>未发生行政复议和行政诉讼。</p>"
                + "<p>五、存在的主要问题及改进情况</p><p>公开内容还不够全面,下一步将加强培训。</p>"
                + "<p>六、其他需要报告的事项</p><p>无其他需要报告的事项。</p>";
        }
        return $"<p>{year}年,{body.Name}坚持以习近平新时代中国特色社会主义思想为指导,深入推进法治政府建设,现将有关情况报告如下。</p>"
            + $"<p>一、{year}年推进法治政府建设的主要举措和成效</p><p>全面履行政府职能,深化行政审批制度改革,办理行政复议案件12件,提供法律援助86件。</p>"
            + "<p>二、党政主要负责人履行推进法治建设第一责任人职责情况</p><p>政府主要负责人带头学法,召开常务会议专题研究法治政府建设工作4次。</p>"
            + "<p>三、存在的不足和原因</p><p>一是行政执法规范化水平有待提高,原因是执法人员培训不够。</p>"
            + $"<p>四、{year + 1}年推进法治政府建设的主要安排</p><p>持续深化法治政府建设,加强行政执法监督。</p>"
            + "<p>五、其他需要报告的事项</p><p>无。</p>";
    }

    private static string Relative(string from, string to)
    {
        var fromDir = from[..(from.LastIndexOf('/') + 1)];
        return to.StartsWith(fromDir, StringComparison.Ordinal) ? "./" + to[fromDir.Length..] : to;
    }

    private static string MediaType(string extension) => extension switch
    {
        ".pdf" => "application/pdf",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".doc" => "application/msword",
        ".wps" => "application/vnd.ms-works",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };

    private static Encoding Encoding(string charset)
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding(charset == "gbk" ? "GBK" : charset);
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
