using System.Collections.Immutable;

namespace Credence.Core.Fairness;

/// <summary>What a report finds, in plain sentences: English and Chinese, line for line.</summary>
public sealed record FairnessWords(ImmutableArray<string> En, ImmutableArray<string> Zh);
