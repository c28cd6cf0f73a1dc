using System.Text.Json;
using System.Text.Json.Serialization;
using Credence.Core.Records;

namespace Credence.App.Output;

/// <summary>Writes a record key as <c>source/id</c>, the form people quote.</summary>
internal sealed class RecordKeyJsonConverter : JsonConverter<RecordKey>
{
    public override RecordKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? string.Empty;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? throw new JsonException($"record key '{text}' is not source/id") : new RecordKey(text[..slash], text[(slash + 1)..]);
    }

    public override void Write(Utf8JsonWriter writer, RecordKey value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

    public override RecordKey ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, RecordKey value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());
}
