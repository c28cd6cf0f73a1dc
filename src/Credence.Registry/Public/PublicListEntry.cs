using Credence.Core.Identifiers;

namespace Credence.Registry.Public;

/// <summary>
/// One member of a published list. A person's identifier is shown with its birth date masked
/// (<c>110105********002X</c>), as published defaulter lists do; an organisation's code in full.
/// </summary>
public sealed record PublicListEntry(string Subject, SubjectKind Kind, DateTimeOffset? Since, DateTimeOffset? Until);
