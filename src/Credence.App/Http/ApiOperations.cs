using System.Collections.Immutable;

namespace Credence.App.Http;

/// <summary>
/// The problem statuses an operation answers besides those its declaration implies (401, 403 and
/// 429 from <see cref="ApiAccess"/> and the rate limit, 400 and 413 from a body, 422 from a query
/// parameter): 404, 409, 410, 415, 422 from its use case.
/// </summary>
internal sealed record ApiOperationProblems(ImmutableArray<int> Statuses);

/// <summary>An operation's documentation in one line: <c>.Operation("createPrincipal", "Register a principal", "...", 409, 422)</c>.</summary>
internal static class ApiOperations
{
    /// <summary>
    /// Names the operation (its operationId and endpoint name: camelCase, unique, checked at
    /// startup), summarises and describes it, and lists the problem statuses its use case answers.
    /// </summary>
    public static RouteHandlerBuilder Operation(this RouteHandlerBuilder builder, string id, string summary, string description, params int[] problems) =>
        builder.WithName(id).WithSummary(summary).WithDescription(description).WithMetadata(new ApiOperationProblems([.. problems]));
}
