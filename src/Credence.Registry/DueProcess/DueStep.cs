using System.Collections.Immutable;
using Credence.Core.DueProcess;
using Credence.Registry.State;

namespace Credence.Registry.DueProcess;

/// <summary>
/// One instant of a subject's catch-up (<see cref="DueTransitions.Plan"/>): the approaching-expiry
/// notices due then, and the listings to bring the stored ones in line with (null when they agree).
/// </summary>
internal sealed record DueStep(DateTimeOffset At, ImmutableArray<Notice> Notices, ImmutableArray<StoredListing>? Listings);
