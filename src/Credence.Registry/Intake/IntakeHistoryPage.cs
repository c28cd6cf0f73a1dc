using System.Collections.Immutable;

namespace Credence.Registry.Intake;

/// <summary>A page of a source's intake history, newest first, and how many batches it has in all.</summary>
public sealed record IntakeHistoryPage(ImmutableArray<IntakeBatch> Batches, long Total, int Offset, int Limit);
