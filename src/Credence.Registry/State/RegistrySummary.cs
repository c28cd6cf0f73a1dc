using System.Collections.Immutable;
using Credence.Registry.Storage;

namespace Credence.Registry.State;

/// <summary>The registry at a glance: counts, grade distribution and list sizes, and the policies active now.</summary>
public sealed record RegistrySummary(DateTimeOffset AsOf, ImmutableArray<string> ActivePolicies, RegistryCounts Counts);
