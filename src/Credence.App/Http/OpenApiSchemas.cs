using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Credence.App.Http;

/// <summary>
/// Makes schemas say what is on the wire: optional properties are not required, Credence's text
/// types (record keys, subject ids) are strings, enums are strings without the null that is never written.
/// </summary>
internal static class OpenApiSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // A property that may be null is never written as null (nulls are left out) and may be
        // left out of a request: it is optional, unless the API refuses its absence ([Required]).
        if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Required is { Count: > 0 } required)
        {
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                var demanded = property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;
                if (property.IsGetNullable && !demanded)
                {
                    required.Remove(property.Name);
                }
            }
        }

        // The intake's record line is Core's type: the fields the parser requires (the source comes from the key).
        if (context.JsonTypeInfo.Type == typeof(Core.Intake.RecordLine))
        {
            schema.Required = new HashSet<string>(["subject", "type", "area", "occurred", "sourceRecordId"], StringComparer.Ordinal);
        }

        // Written as text by Credence's converters (a record key as source/id, a subject id as its canonical text).
        if (IsText(context.JsonTypeInfo.Type))
        {
            schema.Type = JsonSchemaType.String;
            schema.Properties = null;
            schema.Required = null;
        }
        else if (context.JsonTypeInfo.ElementType is { } element && IsText(element) && schema.Items is null)
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }

        // Enums are kebab-case strings on the wire; a nullable enum's null is never written
        // (nulls are left out), and the property that may lack it is already optional.
        if (schema.Enum is { Count: > 0 } values)
        {
            schema.Type ??= JsonSchemaType.String;
            schema.Enum = [.. values.Where(v => v is not null)];
        }

        return Task.CompletedTask;
    }

    private static bool IsText(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(Core.Records.RecordKey) || t == typeof(Core.Identifiers.SubjectId));
}
