using System.Text.Json;
using System.Text.Json.Serialization;
using Credence.Core.Identifiers;

namespace Credence.App.Output;

/// <summary>Writes a subject id as its canonical text. Reading is refused: ids are parsed and checked by <see cref="SubjectIdentifiers"/>.</summary>
internal sealed class SubjectIdJsonConverter : JsonConverter<SubjectId>
{
    public override SubjectId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("subject identifiers are read as text and checked, never deserialised directly");

    public override void Write(Utf8JsonWriter writer, SubjectId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
