using System.Collections.Immutable;

namespace Credence.Registry.Public;

/// <summary>A page of the organisations whose name or code starts with a query.</summary>
public sealed record OrganisationSearch(string Query, int Page, int PageSize, long Total, ImmutableArray<OrganisationHit> Hits);

/// <summary>One organisation found: its code and its registered names.</summary>
public sealed record OrganisationHit(string Code, ImmutableArray<OrganisationName> Names);
