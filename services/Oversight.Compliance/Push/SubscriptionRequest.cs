using System.Security.Cryptography;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Push.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Push;

/// <summary>What CreateSubscription asks, checked for its own faults before anything is resolved or stored.</summary>
public sealed record SubscriptionRequest(string Name, Uri Url, IReadOnlyList<string> EventTypes, string Scope, string Format, string Secret, bool SecretMade)
{
    public const int MaxNameLength = 100;
    // The bound every service holds ids and addresses to; the interceptor refuses longer ones first (FIELD_TOO_LONG).
    public const int MaxUrlLength = Oversight.ServiceDefaults.Hosting.FieldLengthInterceptor.IdentifierLimit;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 200;

    public static SubscriptionRequest Validate(CreateSubscriptionRequest request, bool requireHttps)
    {
        var name = request.Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw Guard.Invalid(Reasons.SubscriptionNameInvalid, Fields.Of<CreateSubscriptionRequest>(CreateSubscriptionRequest.NameFieldNumber),
                $"name 须为 1 至 {MaxNameLength} 个字符:请写明订阅给谁用,如 \"大同市司法局问题提醒\"");
        }
        var url = ParseUrl(request.Url.Trim(), requireHttps);
        var types = request.EventTypes.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var unknown = types.FirstOrDefault(t => !PushEventTypes.All.Contains(t, StringComparer.Ordinal));
        if (types.Count == 0 || unknown is not null)
        {
            var what = unknown is null ? "event_types 为空" : $"event_types 中的 '{Shown(unknown)}' 无效";
            throw Guard.Invalid(Reasons.EventTypesInvalid, Fields.Of<CreateSubscriptionRequest>(CreateSubscriptionRequest.EventTypesFieldNumber),
                $"{what}:可选 {string.Join("、", PushEventTypes.All)}");
        }
        var format = request.Format.Length == 0 ? PushFormats.CloudEvents : request.Format;
        if (!PushFormats.All.Contains(format, StringComparer.Ordinal))
        {
            throw Guard.Invalid(Reasons.PushFormatInvalid, Fields.Of<CreateSubscriptionRequest>(CreateSubscriptionRequest.FormatFieldNumber),
                $"format '{Shown(format)}' 无效:可选 {string.Join("、", PushFormats.All)}(留空为 cloudevents)");
        }
        if (ScopeRules.PrefixError("scope", request.Scope) is { } scopeError)
        {
            throw Guard.Invalid(Reasons.ScopeInvalid, Fields.Of<CreateSubscriptionRequest>(CreateSubscriptionRequest.ScopeFieldNumber), scopeError);
        }
        var secret = request.Secret;
        if (secret.Length > 0 && (secret.Length is < MinSecretLength or > MaxSecretLength || secret.Any(c => c is < '!' or > '~')))
        {
            throw Guard.Invalid(Reasons.SubscriptionSecretInvalid, Fields.Of<CreateSubscriptionRequest>(CreateSubscriptionRequest.SecretFieldNumber),
                $"secret 须为 {MinSecretLength} 至 {MaxSecretLength} 个可见 ASCII 字符(不含空格与中文);留空则由服务生成并只显示一次");
        }
        var made = secret.Length == 0;
        return new SubscriptionRequest(name, url, types, request.Scope, format, made ? "whsec_" + Base64Url(RandomNumberGenerator.GetBytes(32)) : secret, made);
    }

    private static Uri ParseUrl(string text, bool requireHttps)
    {
        if (text.Length > MaxUrlLength)
        {
            throw Guard.Invalid(Reasons.SubscriptionUrlInvalid, Fields.Of<CreateSubscriptionRequest>(CreateSubscriptionRequest.UrlFieldNumber),
                $"url 超过 {MaxUrlLength} 个字符:请填写接收系统的地址");
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.Host.Length == 0)
        {
            throw Guard.Invalid(Reasons.SubscriptionUrlInvalid, Fields.Of<CreateSubscriptionRequest>(CreateSubscriptionRequest.UrlFieldNumber),
                $"url '{Shown(text)}' 不是 https:// 开头的完整地址:请填写接收系统的地址,如 https://oa.example.gov.cn/hooks/oversight");
        }
        if (url.UserInfo.Length > 0 || url.Fragment.Length > 0)
        {
            throw Guard.Invalid(Reasons.SubscriptionUrlInvalid, Fields.Of<CreateSubscriptionRequest>(CreateSubscriptionRequest.UrlFieldNumber),
                "url 不能带用户名密码(user@)或 # 片段:密钥请用 secret 字段,机器人的 key 放在查询参数中");
        }
        if (requireHttps && url.Scheme != "https")
        {
            throw Guard.Invalid(Reasons.SubscriptionUrlNotHttps, Fields.Of<CreateSubscriptionRequest>(CreateSubscriptionRequest.UrlFieldNumber),
                "url 须为 https:// 地址:推送内容与签名不能明文传输");
        }
        return url;
    }

    /// <summary>A caller's text in a message: at most 60 characters.</summary>
    private static string Shown(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
