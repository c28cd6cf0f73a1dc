using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credence.App.Output;

/// <summary>The one JSON style of Credence's outputs: camelCase, enums as kebab-case strings, no nulls.</summary>
internal static class CredenceJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.Converters.Add(new RecordKeyJsonConverter());
        options.Converters.Add(new SubjectIdJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
