using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi.Models;

namespace Oversight.ServiceDefaults.Hosting;

/// <summary>
/// The OpenAPI document of a host's HTTP/JSON routes, generated from the contracts (Microsoft.AspNetCore.Grpc.Swagger
/// reads the google.api.http routes; the proto comments, which Grpc.Tools writes into Oversight.Contracts.xml, are the
/// descriptions), at /openapi/v1.json, and a page that shows it at /docs (SwaggerUI, its assets served by the host).
/// </summary>
public static class OpenApiExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/docs";
    private const string DocumentFolder = "/openapi";

    public static IServiceCollection AddServiceOpenApi(this IServiceCollection services, string title)
    {
        services.AddGrpcSwagger();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = $"Oversight {title}",
                Version = "v1",
                Description = "HTTP/JSON 接口,由 protos/ 中的 gRPC 契约生成(JSON 字段为 lowerCamelCase,也接受 proto 原名)。"
                    + "每个调用都需要 Authorization: Bearer ovk_… 密钥;拒绝时返回相应的 HTTP 状态码与 google.rpc.Status JSON"
                    + "(code、message 与 details 中 ErrorInfo 的稳定 reason)。",
            });
            var comments = Path.Combine(AppContext.BaseDirectory, "Oversight.Contracts.xml");
            if (File.Exists(comments))
            {
                options.IncludeXmlComments(comments);
                options.IncludeGrpcXmlComments(comments, includeControllerXmlComments: true);
            }
            options.DocumentFilter<ProtoJsonSchemas>();
            var bearer = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "API 密钥 ovk_<key id>_<secret>(由 province_admin 签发)",
                Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "apiKey" },
            };
            options.AddSecurityDefinition("apiKey", bearer);
            options.AddSecurityRequirement(new OpenApiSecurityRequirement { [bearer] = [] });
        });
        return services;
    }

    public static WebApplication MapServiceOpenApi(this WebApplication app, string title)
    {
        // Only on their own paths: Swashbuckle's middleware has a document generator built for every request it sees,
        // and every gRPC and JSON call passed through it.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(DocumentFolder) || context.Request.Path.StartsWithSegments(PagePath), docs =>
        {
            docs.UseSwagger(options => options.RouteTemplate = "openapi/{documentName}.json");
            docs.UseSwaggerUI(options =>
            {
                options.RoutePrefix = PagePath.TrimStart('/');
                options.SwaggerEndpoint(DocumentPath, $"Oversight {title} v1");
                options.DocumentTitle = $"Oversight {title} API";
            });
        });
        return app;
    }
}
