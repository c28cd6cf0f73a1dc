using System.Collections.Immutable;

namespace Credence.Registry.State;

/// <summary>A list's size under a policy version at the end of every day of a <see cref="RegistrySeries"/>.</summary>
public sealed record ListSeries(string PolicyTag, string List, ImmutableArray<long> Sizes);
