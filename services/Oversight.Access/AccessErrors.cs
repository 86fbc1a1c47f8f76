using Oversight.Contracts.Access.V1;
using System.Globalization;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Access;

/// <summary>The refusals of access control. Messages never repeat the key that was presented.</summary>
public static class AccessErrors
{
    public static RpcException Unauthenticated(string reason) => new ServiceError(StatusCode.Unauthenticated, reason, reason switch
    {
        Reasons.KeyMissing => "未提供 API 密钥:请在请求元数据中加入 authorization: Bearer <密钥>(命令行:设置 OVERSIGHT_KEY 或 --key-file)",
        Reasons.KeyMalformed => "API 密钥格式不对:应为 \"Bearer ovk_…\",请检查是否完整复制",
        Reasons.KeyRevoked => "API 密钥已被吊销:请向管理员申请新密钥",
        Reasons.KeyExpired => "API 密钥已过期:请向管理员申请新密钥",
        _ => "API 密钥无效:请检查密钥,或向管理员申请新密钥",
    }).ToRpcException();

    public static RpcException RateLimited(TimeSpan retryAfter) => new ServiceError(
        StatusCode.ResourceExhausted,
        Reasons.AuthRateLimited,
        $"该地址认证失败次数过多:请在 {Math.Ceiling(retryAfter.TotalSeconds):0} 秒后用正确的密钥重试")
    {
        Metadata = new Dictionary<string, string>
        {
            [Refusals.RetryAfterSeconds] = Math.Ceiling(retryAfter.TotalSeconds).ToString("0", CultureInfo.InvariantCulture),
        },
    }.ToRpcException();

    public static RpcException CallerRateLimited(int perSecond) => new ServiceError(
        StatusCode.ResourceExhausted,
        Reasons.CallerRateLimited,
        $"调用过于频繁:每个密钥每秒最多 {perSecond} 次调用,请稍后重试或降低并发")
    {
        Metadata = new Dictionary<string, string> { [Refusals.RetryAfterSeconds] = "1" },
    }.ToRpcException();

    public static RpcException RoleNotAllowed(string method, string role, IReadOnlyList<string> allowed) => new ServiceError(
        StatusCode.PermissionDenied,
        Reasons.RoleNotAllowed,
        $"角色 {role} 不能调用 {method}:可调用的角色为 {string.Join("、", allowed.DefaultIfEmpty("(无)"))}")
    {
        Metadata = new Dictionary<string, string> { ["method"] = method, ["role"] = role, ["allowedRoles"] = string.Join(",", allowed) },
    }.ToRpcException();

    /// <summary>What the request names lies outside the caller's jurisdiction scope.</summary>
    public static RpcException OutOfScope(Caller caller, string what, string field = "") => OutOfScopeError(caller, what, field).ToRpcException();

    public static ServiceError OutOfScopeError(Caller caller, string what, string field = "") => new(
        StatusCode.PermissionDenied, Reasons.ScopeNotCovered, $"{what} 不在您的辖区范围({ScopeName(caller.Scope)})内", field);

    /// <summary>
    /// A <c>service</c> key is not limited per key and reaches every jurisdiction the services serve: only an administrator
    /// of the whole country (empty scope) may issue one.
    /// </summary>
    public static RpcException ServiceKeyNotAllowed(Caller caller) => new ServiceError(
        StatusCode.PermissionDenied,
        Reasons.ServiceKeyNotAllowed,
        $"只有全国范围的管理员才能签发 service 角色的密钥(您的范围:{ScopeName(caller.Scope)}):服务密钥不受每密钥调用频率限制,请联系全国管理员签发",
        Fields.Of<CreateKeyRequest>(CreateKeyRequest.RoleFieldNumber).JsonName).ToRpcException();

    public static RpcException Unavailable() => new ServiceError(
        StatusCode.Unavailable,
        Reasons.AccessUnavailable,
        "暂时无法核验 API 密钥:访问控制服务(合规服务)不可达,或本服务的服务密钥无效;请稍后重试或联系管理员").ToRpcException();

    public static string ScopeName(string scope) => scope.Length == 0 ? "全国" : "代码前缀 " + scope;
}
