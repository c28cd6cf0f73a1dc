using Credence.Registry.Intake;

namespace Credence.App.Http.Documents;

/// <summary>One of a source's intake batches with every rejected line and its reason.</summary>
internal sealed record IntakeBatchDocument(IntakeBatch Batch, IReadOnlyList<RejectedLine> Rejected);
