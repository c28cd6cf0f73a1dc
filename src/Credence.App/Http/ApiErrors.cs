using Credence.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credence.App.Http;

/// <summary>
/// Turns what escapes an endpoint into problem details: a request Kestrel or the binder refused
/// (too large, a query value of the wrong type) and, as a last resort, an unexpected failure
/// (<c>internal-error</c>, logged with its exception).
/// </summary>
internal static class ApiErrors
{
    public static async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var problem = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new RegistryProblem(ProblemTypes.PayloadTooLarge, "the body is larger than this endpoint accepts")
                : new RegistryProblem(ProblemTypes.BadValue, e.Message);
            await ApiProblems.Result(context, problem).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (Credence.Registry.Ledger.LedgerUnavailableException e) when (!context.Response.HasStarted)
        {
            var problem = new RegistryProblem(ProblemTypes.LedgerUnavailable, $"nothing was stored: {e.Message}");
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
}
