using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Credence.Core.DueProcess;
using Credence.Registry.Decisions;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Source-generated JSON for the few values the SQLite store keeps as JSON text (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(ImmutableArray<DecisionReason>))]
[JsonSerializable(typeof(StoredDecisionBody))]
[JsonSerializable(typeof(ImmutableArray<Refusal>))]
[JsonSerializable(typeof(ImmutableArray<NoticeReason>))]
[JsonSerializable(typeof(ImmutableArray<NextStep>))]
internal sealed partial class StorageJson : JsonSerializerContext;
