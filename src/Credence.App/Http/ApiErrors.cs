using Credence.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credence.App.Http;

/// <summary>
/// Turns what escapes an endpoint into problem details: a request Kestrel or the binder refused
/// (too large, a query value of the wrong type (<see cref="UnboundQueryValues"/>), a body that breaks HTTP framing: 400), the ledger or the store
/// unavailable (503: <c>ledger-unavailable</c>, <c>store-unavailable</c>) and, as a last resort, an unexpected failure
/// (<c>internal-error</c>, logged with its exception).
/// </summary>
internal static class ApiErrors
{
    public static async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
            if (context.Response.StatusCode == StatusCodes.Status400BadRequest && !context.Response.HasStarted && UnboundQueryValues.Find(context) is { } unbound)
            {
                await ApiProblems.Result(context, unbound).ExecuteAsync(context).ConfigureAwait(false);
            }
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var problem = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new RegistryProblem(ProblemTypes.PayloadTooLarge, "the body is larger than this endpoint accepts")
                : IsKestrels(e) ? ApiBodies.MalformedRequest(e.Message)
                : new RegistryProblem(ProblemTypes.BadValue, e.Message);
            await ApiProblems.Result(context, problem).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (IOException e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // A framing error Kestrel raised while the request was read outside ApiBodies.
            await ApiProblems.Result(context, ApiBodies.MalformedRequest(e.Message)).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (Credence.Registry.Ledger.LedgerUnavailableException e) when (!context.Response.HasStarted)
        {
            var problem = new RegistryProblem(ProblemTypes.LedgerUnavailable, $"nothing was stored: {e.Message}");
            await ApiProblems.Result(context, problem).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (Credence.Registry.Storage.StoreUnavailableException e) when (!context.Response.HasStarted)
        {
            // The database went away (or is not back yet): an outage, not a bug; the store recovers on its own when it returns.
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Credence.Api");
            ApiLog.StoreUnavailable(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, e.Message);
            var problem = new RegistryProblem(ProblemTypes.StoreUnavailable, $"nothing was acknowledged: {e.Message}");
            await ApiProblems.Result(context, problem).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Credence.Api");
            ApiLog.Failed(logger, e, context.Request.Method, context.Request.Path.Value ?? string.Empty);
            await ApiProblems.Result(context, new RegistryProblem(ApiProblemCatalogue.InternalError, "the registry failed to answer; nothing was acknowledged")).ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    // Implementation note: Kestrel raises protocol errors as its own subclass (obsolete as a
    // public type, so it is recognised by namespace); the route binder raises the base type for a
    // query or route value of the wrong type, which stays bad-value.
    private static bool IsKestrels(BadHttpRequestException e) =>
        e.GetType().Namespace?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true;
}
