using Microsoft.OpenApi;

namespace Credence.App.Http;

/// <summary>
/// Documents the request body of an endpoint that reads its body itself (strictly, with its own
/// limits and problem types), so the OpenAPI document and the docs page show what to send.
/// </summary>
/// <remarks>
/// Implementation note: <c>Accepts&lt;T&gt;</c> would document the body too, but it also takes part in
/// routing: a request with another or no content type would get the router's bare 415 or 404
/// instead of this API's problem details. An operation transformer changes the document only.
/// </remarks>
internal static class OpenApiBodies
{
    /// <summary>A JSON body shaped like <typeparamref name="T"/>.</summary>
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder, bool required = true) =>
        builder.WithBody(typeof(T), required, "application/json");

    /// <summary>A text body (YAML, NDJSON or CSV) in one of <paramref name="contentTypes"/>.</summary>
    public static RouteHandlerBuilder WithTextBody(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.WithBody(typeof(string), true, contentTypes);

    private static RouteHandlerBuilder WithBody(this RouteHandlerBuilder builder, Type type, bool required, params string[] contentTypes) =>
        builder.WithMetadata(new ApiBody(contentTypes)).AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken).ConfigureAwait(false);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Content = contentTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = schema }),
            };
        });
}

/// <summary>Marks an endpoint that reads a body (so its document lists 400 and 413).</summary>
internal sealed record ApiBody(IReadOnlyList<string> ContentTypes);
