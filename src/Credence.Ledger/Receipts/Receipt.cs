using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Credence.Ledger.Hashing;

namespace Credence.Ledger.Receipts;

/// <summary>
/// What a subject keeps to prove, offline, that an entry is in the ledger: the entry bytes, its index,
/// the inclusion proof and the signed checkpoint the proof leads to.
/// </summary>
/// <param name="Entry">The entry bytes.</param>
/// <param name="Index">The entry's zero-based index in the ledger.</param>
/// <param name="InclusionProof">The audit path from the entry's leaf to the checkpoint's root.</param>
/// <param name="CheckpointNote">The signed checkpoint note (C2SP signed-note text).</param>
/// <remarks>
/// <para>Implementation note: the JSON form is one object with exactly these fields, written in this order:</para>
/// <list type="bullet">
/// <item><c>format</c>: the string "credence-receipt/v1";</item>
/// <item><c>index</c>: the leaf index, a JSON integer;</item>
/// <item><c>entry</c>: the entry bytes in standard base64;</item>
/// <item><c>inclusionProof</c>: an array of base64 SHA-256 hashes, deepest sibling first (RFC 9162 order);</item>
/// <item><c>checkpoint</c>: the signed note text, whose body gives the tree size and root.</item>
/// </list>
/// <para>
/// The tree size is not repeated outside the signed checkpoint, so it cannot disagree with it. Parsing
/// refuses unknown or repeated fields and any other format string. Equality compares contents.
/// </para>
/// </remarks>
public sealed record Receipt(ReadOnlyMemory<byte> Entry, long Index, ImmutableArray<MerkleHash> InclusionProof, string CheckpointNote)
{
    /// <summary>The value of the <c>format</c> field.</summary>
    public const string FormatName = "credence-receipt/v1";

    private const int MaxProofLength = 64;

    /// <summary>The stable JSON form.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("index", Index);
            writer.WriteBase64String("entry", Entry.Span);
            writer.WriteStartArray("inclusionProof");
            foreach (var hash in InclusionProof)
            {
                writer.WriteStringValue(hash.ToBase64());
            }

            writer.WriteEndArray();
            writer.WriteString("checkpoint", CheckpointNote);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses the JSON form.</summary>
    /// <exception cref="FormatException">Not a receipt; the message says why.</exception>
    public static Receipt FromJson(string json) =>
        TryFromJson(json, out var receipt, out var reason) ? receipt! : throw new FormatException(reason);

    /// <summary>Parses the JSON form; on failure <paramref name="reason"/> says why in one line.</summary>
    public static bool TryFromJson(string? json, out Receipt? receipt, out string? reason)
    {
        receipt = null;
        try
        {
            using var document = JsonDocument.Parse(json ?? string.Empty, new JsonDocumentOptions { MaxDepth = 4 });
            return TryRead(document.RootElement, out receipt, out reason);
        }
        catch (JsonException ex)
        {
            reason = $"receipt is not valid JSON: {ex.Message.Split('\n')[0]}";
            return false;
        }
    }

    /// <inheritdoc />
    public bool Equals(Receipt? other) =>
        other is not null && Index == other.Index && CheckpointNote == other.CheckpointNote
        && Entry.Span.SequenceEqual(other.Entry.Span) && InclusionProof.SequenceEqual(other.InclusionProof);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Index, CheckpointNote, Entry.Length);

    private static bool TryRead(JsonElement root, out Receipt? receipt, out string? reason)
    {
        receipt = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            reason = "receipt must be a JSON object";
            return false;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("format" or "index" or "entry" or "inclusionProof" or "checkpoint"))
            {
                reason = $"receipt has an unknown field '{property.Name}'";
                return false;
            }

            if (!fields.TryAdd(property.Name, property.Value))
            {
                reason = $"receipt repeats the field '{property.Name}'";
                return false;
            }
        }

        foreach (var name in new[] { "format", "index", "entry", "inclusionProof", "checkpoint" })
        {
            if (!fields.ContainsKey(name))
            {
                reason = $"receipt lacks the field '{name}'";
                return false;
            }
        }

        reason = ReadFields(fields, out receipt);
        return reason is null;
    }

    private static string? ReadFields(Dictionary<string, JsonElement> fields, out Receipt? receipt)
    {
        receipt = null;
        if (fields["format"].ValueKind != JsonValueKind.String || fields["format"].GetString() != FormatName)
        {
            return $"receipt format must be '{FormatName}'";
        }

        if (fields["index"].ValueKind != JsonValueKind.Number || !fields["index"].TryGetInt64(out var index) || index < 0)
        {
            return "receipt index must be a non-negative integer";
        }

        if (fields["entry"].ValueKind != JsonValueKind.String || !fields["entry"].TryGetBytesFromBase64(out var entry) || entry.Length == 0)
        {
            return "receipt entry must be non-empty base64";
        }

        var proofElement = fields["inclusionProof"];
        if (proofElement.ValueKind != JsonValueKind.Array || proofElement.GetArrayLength() > MaxProofLength)
        {
            return $"receipt inclusionProof must be an array of at most {MaxProofLength} hashes";
        }

        var proof = ImmutableArray.CreateBuilder<MerkleHash>(proofElement.GetArrayLength());
        foreach (var element in proofElement.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String || !MerkleHash.TryFromBase64(element.GetString(), out var hash))
            {
                return "receipt inclusionProof holds something other than a base64 32-byte hash";
            }

            proof.Add(hash);
        }

        if (fields["checkpoint"].ValueKind != JsonValueKind.String)
        {
            return "receipt checkpoint must be the signed note text";
        }

        receipt = new Receipt(entry, index, proof.MoveToImmutable(), fields["checkpoint"].GetString()!);
        return null;
    }
}
