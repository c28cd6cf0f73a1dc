using System.Text.Json;
using System.Text.Json.Serialization;
using Credence.Registry;

namespace Credence.App.Http;

/// <summary>Reads JSON request bodies strictly: unknown members are refused, so a typo is an error rather than a silent default.</summary>
internal static class ApiJson
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>
    /// Makes the options the OpenAPI document is generated from those the API writes with
    /// (<see cref="Output.CredenceJson"/>): enums as kebab-case strings, numbers as JSON numbers
    /// (never "string or integer"), nulls left out.
    /// </summary>
    public static void DescribeAsWritten(JsonSerializerOptions options)
    {
        var written = Output.CredenceJson.Compact;
        // Credence writes numbers as numbers; the web default of also reading them from strings would
        // make every number "integer or string" in the document.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = written.DefaultIgnoreCondition;
        options.PropertyNamingPolicy = written.PropertyNamingPolicy;
        foreach (var converter in written.Converters)
        {
            options.Converters.Add(converter);
        }
    }

    public static Outcome<T> Parse<T>(string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Strict) is { } value
                ? value
                : new RegistryProblem(ProblemTypes.MalformedJson, "expected a JSON object, found null");
        }
        catch (JsonException e)
        {
            return new RegistryProblem(ProblemTypes.MalformedJson, $"malformed JSON{(e.Path is null ? string.Empty : " at " + e.Path)}: {e.Message.Split(". ")[0]}");
        }
    }
}
