using Credence.Core.Intake;

namespace Credence.Demo;

/// <summary>Consecutive records of one source, in the order it reported them, for a batch submission.</summary>
/// <param name="SourceId">The submitting source's id.</param>
/// <param name="Lines">The records, oldest report first.</param>
public sealed record CityBatch(string SourceId, IReadOnlyList<RecordLine> Lines);
