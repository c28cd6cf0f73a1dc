using System.Collections.Immutable;
using Credence.Core.Identifiers;

namespace Credence.Registry.Disclosure;

/// <summary>A subject's score history as of a request: each step (outcome, causes, records that began or stopped counting), oldest first.</summary>
public sealed record ScoreHistoryView(SubjectId Subject, DateTimeOffset AsOf, ImmutableArray<ScorePoint> Steps);
