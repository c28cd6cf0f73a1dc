using System.Globalization;
using System.Threading.RateLimiting;
using Credence.Registry;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Credence.App.Http;

/// <summary>
/// The per-client limit on anonymous requests (ASP.NET Core rate limiting, a fixed window per
/// <see cref="ClientAddress"/>): over it the answer is 429 <c>too-many-requests</c> with
/// <c>Retry-After</c>, logged. Failed authentications are limited by <see cref="AuthFailureLimiter"/>.
/// </summary>
internal static class ApiRateLimiting
{
    /// <summary>The rate-limiting policy of anonymous endpoints.</summary>
    public const string PublicPolicy = "public";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, ApiRateLimits limits)
    {
        services.AddSingleton(limits);
        services.AddSingleton<AuthFailureLimiter>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PublicPolicy, context => limits.PublicPermitLimit <= 0
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PublicPermitLimit,
                    Window = limits.PublicWindow,
                    QueueLimit = 0,
                }));
            o.OnRejected = async (rejected, _) =>
            {
                var context = rejected.HttpContext;
                var after = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limits.PublicWindow;
                var seconds = (long)Math.Ceiling(after.TotalSeconds);
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Credence.Api");
                ApiLog.Limited(logger, ClientAddress.Of(context), "anonymous requests", context.Request.Method, context.Request.Path.Value ?? string.Empty, seconds);
                var problem = new RegistryProblem(ApiProblemCatalogue.TooManyRequests,
                    $"more than {limits.PublicPermitLimit} anonymous requests from this client within {AuthFailureLimiter.Describe(limits.PublicWindow)}; retry after {seconds.ToString(CultureInfo.InvariantCulture)} s");
                await ApiProblems.WriteAsync(context, problem).ConfigureAwait(false);
            };
        });
        return services;
    }

    /// <summary>Puts an anonymous endpoint (or group) under the per-client limit.</summary>
    public static TBuilder LimitedPerClient<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(PublicPolicy);
}
