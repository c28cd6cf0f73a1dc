namespace Credence.Registry.Public;

/// <summary>An organisation's registered name in one language (<c>zh</c> or <c>en</c>): public business-registration data.</summary>
public sealed record OrganisationName(string Code, string Language, string Name);
