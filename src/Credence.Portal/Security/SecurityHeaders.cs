namespace Credence.Portal.Security;

/// <summary>
/// The portal's response headers: a strict Content-Security-Policy (everything from the registry
/// itself, no inline script or style, no framing), no MIME sniffing, no referrer to other sites.
/// </summary>
/// <remarks>
/// Implementation note: the API's own routes (<c>/v1</c>, <c>/openapi</c>) and the API reference UI
/// (<c>/docs</c>, Scalar's page with its inline configuration) keep their own headers; the subject's
/// self-contained disclosure page under <c>/v1</c> carries its styles inline by design.
/// </remarks>
public static class SecurityHeaders
{
    private static readonly string[] ApiPrefixes = ["/v1", "/openapi", "/docs", "/scalar", "/healthz"];

    public static string Policy(string? formTarget) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + $"form-action 'self'{(formTarget is null ? string.Empty : " " + formTarget)}; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>True for the API's own paths (and its reference UI), which keep their own headers and JSON answers.</summary>
    /// <remarks>Any <c>/v&lt;n&gt;</c> is the API's (a client trying another version gets problem details, not a page).</remarks>
    public static bool IsApiPath(PathString path) =>
        ApiPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) || IsVersion(FirstSegment(path.Value ?? string.Empty));

    private static string FirstSegment(string path)
    {
        var rest = path.TrimStart('/');
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        return end < 0 ? rest : rest[..end];
    }

    private static bool IsVersion(string segment) =>
        segment.Length > 1 && (segment[0] is 'v' or 'V') && segment.Skip(1).All(char.IsAsciiDigit);

    public static Func<HttpContext, RequestDelegate, Task> Middleware(string? formTarget)
    {
        var policy = Policy(formTarget);
        return (context, next) =>
        {
            if (!IsApiPath(context.Request.Path))
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
            }

            return next(context);
        };
    }
}
