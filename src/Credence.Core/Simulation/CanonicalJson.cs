using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credence.Core.Simulation;

/// <summary>
/// The canonical JSON of a simulation report and its digest. Canonical: camelCase names, object
/// members in ordinal (UTF-16 code unit) order at every level, no white space, arrays in the
/// report's order, null members kept, strings escaped only where JSON requires (and HTML-sensitive
/// characters left as they are), UTF-8. The digest is <c>sha256:</c> and the lower-case hex SHA-256
/// of those bytes, as a policy's digest is written.
/// </summary>
/// <remarks>
/// Implementation note: this is the member order and whitespace of RFC 8785 (JCS); numbers are the
/// report's integers and doubles already rounded to six places, which System.Text.Json writes in
/// their shortest round-trip form, except that a number it would write with an exponent (1E-06) is
/// written as a decimal (0.000001), as JCS's ECMAScript rule does for every value from 1e-6 to 1e21, so
/// JCS's number rule is met for every value a report holds.
/// </remarks>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The canonical UTF-8 bytes of <paramref name="report"/>.</summary>
    public static byte[] Bytes(SimulationReport report)
    {
        var node = JsonSerializer.SerializeToNode(report, Options);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Writer))
        {
            Write(writer, node);
        }

        return buffer.ToArray();
    }

    /// <summary>The canonical text of <paramref name="report"/>.</summary>
    public static string Text(SimulationReport report) => Encoding.UTF8.GetString(Bytes(report));

    /// <summary>The digest of <paramref name="report"/>'s canonical form.</summary>
    public static string Digest(SimulationReport report) => Policies.PolicyDigest.Prefix + Convert.ToHexStringLower(SHA256.HashData(Bytes(report)));

    /// <summary>Reads a report back from its JSON (canonical or not).</summary>
    public static SimulationReport Parse(string json) =>
        JsonSerializer.Deserialize<SimulationReport>(json, Options) ?? throw new JsonException("not a simulation report");

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (name, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.ToJsonString() is var number && number.Contains('E', StringComparison.OrdinalIgnoreCase):
                // RFC 8785 writes numbers as ECMAScript does: no exponent from 1e-6 up to 1e21, where .NET writes 1E-06.
                writer.WriteRawValue(v.GetValue<double>().ToString("0.#####################", CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
