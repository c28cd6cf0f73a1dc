using Credence.App.Output;
using Credence.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credence.App.Http;

/// <summary>
/// RFC 9457 problem details for every refusal: <c>type</c> is <c>urn:credence:problem:&lt;code&gt;</c>
/// with a code from <see cref="ProblemTypes"/>, plus title, status, detail, instance, and where they
/// apply the field, every error (a refused policy) and every line's fate (a refused batch).
/// </summary>
internal static class ApiProblems
{
    public const string TypePrefix = "urn:credence:problem:";

    /// <summary>The HTTP status of a problem code (from <see cref="ApiProblemCatalogue"/>; 422 for the validation codes).</summary>
    public static int StatusOf(string type) => ApiProblemCatalogue.StatusOf(type);

    public static IResult Result(HttpContext context, RegistryProblem problem, object? fates = null)
    {
        var status = StatusOf(problem.Type);
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["type"] = TypePrefix + problem.Type,
            ["title"] = Title(problem.Type),
            ["status"] = status,
            ["detail"] = problem.Detail,
            ["instance"] = context.Request.Path.Value,
        };
        if (problem.Field is { Length: > 0 } field)
        {
            body["field"] = field;
        }

        if (!problem.Errors.IsDefaultOrEmpty)
        {
            body["errors"] = problem.Errors;
        }

        if (!problem.Refusals.IsDefaultOrEmpty)
        {
            body["refusals"] = problem.Refusals;
        }

        if (problem.CaseId is { } caseId)
        {
            body["caseId"] = caseId;
        }

        if (fates is not null)
        {
            body["fates"] = fates;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Credence.Api");
        ApiLog.Refused(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, status, problem.Type, problem.Detail);
        return Results.Json(body, CredenceJson.Compact, "application/problem+json", status);
    }

    /// <summary>Writes the problem as the whole answer (for middleware, outside an endpoint).</summary>
    public static Task WriteAsync(HttpContext context, RegistryProblem problem) => Result(context, problem).ExecuteAsync(context);

    /// <summary>The problem as the outcome of a failed use case.</summary>
    public static IResult Result<T>(HttpContext context, Outcome<T> outcome) => Result(context, outcome.Problem!);

    private static string Title(string type) => char.ToUpperInvariant(type[0]) + type[1..].Replace('-', ' ');
}
