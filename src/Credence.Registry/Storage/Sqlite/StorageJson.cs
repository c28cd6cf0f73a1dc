using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Credence.Registry.Decisions;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Source-generated JSON for the few values the SQLite store keeps as JSON text (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(ImmutableArray<DecisionReason>))]
internal sealed partial class StorageJson : JsonSerializerContext;
