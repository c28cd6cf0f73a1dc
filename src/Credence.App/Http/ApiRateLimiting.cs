using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Credence.App.Http;

/// <summary>
/// The per-client limit on anonymous requests (<see cref="AnonymousRequestLimiter"/>, a fixed window per
/// <see cref="ClientAddress"/>): over it the answer is 429 <c>too-many-requests</c> with
/// <c>Retry-After</c>, logged. Failed authentications are limited by <see cref="AuthFailureLimiter"/>.
/// </summary>
/// <remarks>
/// Implementation note: not ASP.NET Core's rate-limiting middleware. Its endpoint limiter runs a timer that
/// nothing disposes when the host stops, and the timer keeps the whole application (and its Orleans silo)
/// alive: a process that starts registries one after another (the API tests start hundreds) kept every one
/// of them, silo timers running, and each start grew slower (measured in session 11: 30 registries retained
/// 1.3 GiB; with this middleware, only the last one). Here the limiter is a service of the registry,
/// disposed with it.
/// </remarks>
internal static class ApiRateLimiting
{
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, ApiRateLimits limits)
    {
        services.AddSingleton(limits);
        services.AddSingleton<AuthFailureLimiter>();
        services.AddSingleton<AnonymousRequestLimiter>();
        return services;
    }

    /// <summary>Refuses a client over its limit on the endpoints marked <see cref="LimitedPerClient{TBuilder}"/>.</summary>
    public static IApplicationBuilder UseApiRateLimiting(this IApplicationBuilder app) => app.Use(LimitAsync);

    /// <summary>Puts an anonymous endpoint (or group) under the per-client limit.</summary>
    public static TBuilder LimitedPerClient<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(PerClientLimit.Instance);

    private static Task LimitAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<PerClientLimit>() is null)
        {
            return next(context);
        }

        var client = ClientAddress.Of(context);
        var refusal = context.RequestServices.GetRequiredService<AnonymousRequestLimiter>().Charge(client);
        return refusal is null ? next(context) : RefuseAsync(context, client, refusal);
    }

    private static Task RefuseAsync(HttpContext context, string client, ClientWindowLimiter.Refusal refusal)
    {
        var seconds = ClientWindowLimiter.Seconds(refusal.RetryAfter ?? TimeSpan.Zero);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Credence.Api");
        ApiLog.Limited(logger, client, "anonymous requests", context.Request.Method, context.Request.Path.Value ?? string.Empty, seconds);
        return ApiProblems.WriteAsync(context, refusal.Problem);
    }
}
