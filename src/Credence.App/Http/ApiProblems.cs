using System.Collections.Frozen;
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

    private static readonly FrozenDictionary<string, int> Statuses = new Dictionary<string, int>
    {
        [ProblemTypes.MalformedJson] = 400,
        [ProblemTypes.MalformedCsv] = 400,
        [ProblemTypes.MalformedRequest] = 400,
        [ProblemTypes.MissingField] = 400,
        [ProblemTypes.PurposeRequired] = 400,
        [ProblemTypes.Unauthorized] = 401,
        [ProblemTypes.Forbidden] = 403,
        [ProblemTypes.TypeNotPermitted] = 403,
        [ProblemTypes.MeasureNotPermitted] = 403,
        [ProblemTypes.NotFound] = 404,
        [ProblemTypes.NotPublic] = 404,
        [ProblemTypes.ShareNotFound] = 404,
        [ProblemTypes.ShareNotForYou] = 403,
        [ProblemTypes.ShareRevoked] = 410,
        [ProblemTypes.ShareExpired] = 410,
        [ProblemTypes.Conflict] = 409,
        [ProblemTypes.NoActivePolicy] = 409,
        [ProblemTypes.PayloadTooLarge] = 413,
        [ProblemTypes.UnsupportedMediaType] = 415,
        [ProblemTypes.LedgerUnavailable] = 503,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The HTTP status of a problem code; 422 for the validation codes.</summary>
    public static int StatusOf(string type) => Statuses.TryGetValue(type, out var status) ? status : type == "internal-error" ? 500 : 422;

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

    /// <summary>The problem as the outcome of a failed use case.</summary>
    public static IResult Result<T>(HttpContext context, Outcome<T> outcome) => Result(context, outcome.Problem!);

    private static string Title(string type) => char.ToUpperInvariant(type[0]) + type[1..].Replace('-', ' ');
}
