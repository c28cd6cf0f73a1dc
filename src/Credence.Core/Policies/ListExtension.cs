using System.Collections.Immutable;

namespace Credence.Core.Policies;

/// <summary>A term extension: each record of <see cref="By"/> that occurs while listed adds <see cref="Length"/>.</summary>
public sealed record ListExtension(ImmutableArray<string> By, PolicyDuration Length);
