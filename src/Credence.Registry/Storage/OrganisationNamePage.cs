using Credence.Registry.Public;

namespace Credence.Registry.Storage;

/// <summary>A page of organisations found by name or code: how many there are in all, and the names of this page's ones, in order.</summary>
public sealed record OrganisationNamePage(long Total, IReadOnlyList<OrganisationName> Names);
