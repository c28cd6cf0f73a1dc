using System.ComponentModel.DataAnnotations;

namespace Credence.App.Http.Documents;

/// <summary>A relying party's question: may <paramref name="Subject"/> have <paramref name="Measure"/> (a capability or a measure id)?</summary>
internal sealed record DecisionRequest([property: Required] string? Subject, [property: Required] string? Measure);
