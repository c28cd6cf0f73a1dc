using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Credence.App.Http;

/// <summary>Documents a second media type of an operation's 200 answer, whose schema is not the JSON one.</summary>
/// <remarks>
/// Implementation note: <c>Produces&lt;T&gt;(200, "application/json", "text/plain")</c> would give the
/// text the JSON document's schema; a transformer adds the text form with its own (a string).
/// </remarks>
internal static class OpenApiAlternatives
{
    /// <summary>The 200 answer may also be <c>text/plain</c>: a C2SP signed note.</summary>
    public static RouteHandlerBuilder WithPlainTextAlternative(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
            {
                content["text/plain"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "A C2SP signed note (c2sp.org/tlog-checkpoint): origin line, tree size, base64 root hash, a blank line, then one signature line per key (`— <key name> <base64 key id and Ed25519 signature>`).",
                    },
                };
            }

            return Task.CompletedTask;
        });
}
