using System.Text.Json.Serialization;

namespace Credence.Registry.DueProcess;

/// <summary>
/// Source-generated JSON for a case step's detail (a sorted map of text), which is domain text the
/// ledger commits to, whichever store keeps it.
/// </summary>
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class CaseDetailJson : JsonSerializerContext;
