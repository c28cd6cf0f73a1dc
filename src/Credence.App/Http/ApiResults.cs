using Credence.App.Output;

namespace Credence.App.Http;

/// <summary>JSON answers in Credence's one style (camelCase, kebab-case enums, no nulls).</summary>
internal static class ApiResults
{
    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, CredenceJson.Compact, "application/json", status);
}
