using Credence.Registry;
using Microsoft.AspNetCore.Http;

namespace Credence.Portal.Components.Shared;

/// <summary>
/// The HTTP status a page answers with when a use case refused it, as the API would: another role's key
/// is 403, a missing thing 404, anything else the problem's own class. The page still shows the refusal
/// as a sentence; the status tells machines and tests the same thing.
/// </summary>
public static class Refusal
{
    /// <summary>Sets the response's status for <paramref name="problem"/> while the response has not started.</summary>
    public static void Answer(HttpContext context, RegistryProblem problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = problem.Type switch
        {
            ProblemTypes.Forbidden => StatusCodes.Status403Forbidden,
            ProblemTypes.Unauthorized => StatusCodes.Status401Unauthorized,
            ProblemTypes.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
    }
}
