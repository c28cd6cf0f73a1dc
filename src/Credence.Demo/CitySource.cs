using System.Collections.Immutable;

namespace Credence.Demo;

/// <summary>A body that reports records to the registry, with the record types it may submit.</summary>
/// <param name="Id">The source's id, e.g. <c>court</c>; the lead registers it under this id.</param>
/// <param name="Name">Display name.</param>
/// <param name="RecordTypes">The record type ids it submits; it submits no other.</param>
public sealed record CitySource(string Id, string Name, ImmutableArray<string> RecordTypes);
