using Credence.Core.Identifiers;

namespace Credence.Demo;

/// <summary>A subject whose file shows something worth seeing, for the demo to hand out a key for.</summary>
/// <param name="Story">What the file shows, in a sentence.</param>
/// <param name="Kind">Person or organisation.</param>
/// <param name="Subject">The subject's identifier.</param>
/// <param name="Index">Position in <see cref="City.Persons"/> or <see cref="City.Organisations"/>.</param>
public sealed record ShowcaseSubject(string Story, SubjectKind Kind, string Subject, int Index);
