using System.Globalization;
using Credence.Registry;
using Microsoft.AspNetCore.Http.Metadata;

namespace Credence.App.Http;

/// <summary>
/// Names the query value that an endpoint's generated binder refused without a word: an optional number, instant or
/// identifier (<c>limit=ten</c>, <c>seed=-3</c>) that does not parse.
/// </summary>
/// <remarks>
/// Implementation note: the endpoints' request delegates are generated at compile time (the request delegate
/// generator: no expression trees compiled at each start, which was most of a server's first request). For an
/// optional parameter of a parsable type, the generated code answers a value that does not parse with a bare 400,
/// neither throwing nor logging, although it throws for every other binding failure when
/// <see cref="RouteHandlerOptions.ThrowOnBadRequest"/> is set (as here). <see cref="ApiErrors"/> then turns such a bare
/// 400 into the same <c>bad-value</c> problem, with the same sentence, that the binder's exception gives everywhere else.
/// </remarks>
internal static class UnboundQueryValues
{
    /// <summary>The problem of the first query value of the endpoint's parameters that does not parse, or null.</summary>
    public static RegistryProblem? Find(HttpContext context)
    {
        if (context.GetEndpoint() is not { } endpoint)
        {
            return null;
        }

        foreach (var parameter in endpoint.Metadata.OfType<IParameterBindingMetadata>())
        {
            // A repeated parameter is read as the binder reads it: its values joined with commas ("1,2"), which does not parse.
            if (!parameter.HasTryParse || !context.Request.Query.TryGetValue(parameter.Name, out var values) || values.ToString() is not { Length: > 0 } value)
            {
                continue;
            }

            var type = parameter.ParameterInfo.ParameterType;
            var nullable = Nullable.GetUnderlyingType(type);
            if (!Parses(nullable ?? type, value))
            {
                var name = Keyword(nullable ?? type) + (nullable is null ? string.Empty : "?");
                return new RegistryProblem(ProblemTypes.BadValue, $"Failed to bind parameter \"{name} {parameter.Name}\" from \"{value}\".", parameter.Name);
            }
        }

        return null;
    }

    private static bool Parses(Type type, string value) => type switch
    {
        _ when type == typeof(int) => int.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(long) => long.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(ulong) => ulong.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(DateTimeOffset) => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(Guid) => Guid.TryParse(value, out _),
        _ => true,
    };

    private static string Keyword(Type type) => type switch
    {
        _ when type == typeof(int) => "int",
        _ when type == typeof(long) => "long",
        _ when type == typeof(ulong) => "ulong",
        _ => type.Name,
    };
}
