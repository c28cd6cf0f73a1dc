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
    };

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
