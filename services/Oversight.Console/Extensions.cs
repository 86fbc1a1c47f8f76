using System.Net;
using Oversight.WebConsole.Features.Audit;
using Oversight.WebConsole.Features.Figures;
using Oversight.WebConsole.Features.Findings;
using Oversight.WebConsole.Features.Notice;
using Oversight.WebConsole.Features.Overview;
using Oversight.WebConsole.Features.Registry;
using Oversight.WebConsole.Features.Reports;
using Oversight.WebConsole.Features.Reuse;
using Oversight.WebConsole.Features.SignIn;
using Oversight.WebConsole.Features.Sweeps;
using Oversight.WebConsole.Services;
using Oversight.WebConsole.Session;
using Oversight.ServiceDefaults.Clients;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.WebConsole;

public static class Extensions
{
    public const string Section = "Console";
    public const int DefaultPort = 5180;

    public static WebApplicationBuilder AddOfficeConsole(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        Listen(builder, options.Endpoint);
        var services = builder.Services;
        services.Configure<ConsoleOptions>(builder.Configuration.GetSection(Section));
        services.AddHttpContextAccessor();
        // The console's calls trust the servers' authority as every other host's calls do (Access:ServerCertificateAuthorityPath).
        services.AddSingleton(ClientTransportOptions.Read(builder.Configuration).CreateTransport());
        services.AddSingleton<ConsoleClients>();
        services.AddSingleton(TimeProvider.System);
        // The key lives in the session on the server; the browser holds only the session's id (ConsoleSessions).
        services.AddDistributedMemoryCache();
        services.AddSingleton<ConsoleSessions>();
        services.AddSingleton<SweepRuns>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "oversight.console.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__af";
        });
        return builder;
    }

    public static WebApplication MapOfficeConsole(this WebApplication app)
    {
        app.Use(SecurityHeaders);
        app.Use(async (context, next) =>
        {
            await context.RequestServices.GetRequiredService<ConsoleSessions>().LoadAsync(context);
            await next();
        });
        app.MapGet("/assets/console.css", () => Results.Stream(Asset("console.css"), "text/css; charset=utf-8"));
        app.MapGet("/", (HttpContext context) => Results.Redirect(ConsoleUser.Of(context) is { } user && !user.ReadsFindings ? "/audit" : "/overview"));
        SignInEndpoints.Map(app);
        OverviewEndpoints.Map(app);
        FindingEndpoints.Map(app);
        NoticeEndpoints.Map(app);
        ReportEndpoints.Map(app);
        FigureEndpoints.Map(app);
        ReuseEndpoints.Map(app);
        SweepEndpoints.Map(app);
        SweepStartEndpoints.Map(app);
        RegistryEndpoints.Map(app);
        AuditEndpoints.Map(app);
        return app;
    }

    private static void Listen(WebApplicationBuilder builder, ConsoleEndpoint endpoint)
    {
        var address = endpoint.Address is "localhost" ? IPAddress.Loopback : IPAddress.Parse(endpoint.Address);
        var tls = endpoint.CertificatePath.Length > 0;
        if (!IPAddress.IsLoopback(address) && !tls)
        {
            throw new StartupRefusedException(
                $"拒绝启动:控制台监听 {endpoint.Address} 而未配置证书,密钥会以明文经过网络。请设置 Console:Endpoint:CertificatePath(PFX)启用 HTTPS,或只监听 127.0.0.1");
        }
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, endpoint.Port, listen =>
        {
            if (tls)
            {
                listen.UseHttps(endpoint.CertificatePath, endpoint.CertificatePassword);
            }
        }));
    }

    // Nothing from elsewhere, no script at all, never framed: a page of the console can only load the console's own style sheet.
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri " +
            "'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=3600" : "no-store";
        return next();
    }

    private static Stream Asset(string name) =>
        typeof(Extensions).Assembly.GetManifestResourceStream("Oversight.WebConsole.Assets." + name) ?? throw new FileNotFoundException(name);
}
