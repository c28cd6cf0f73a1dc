using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Credence.Core.Identifiers;
using Credence.Core.Policies.Validation;
using Credence.Registry.Access;

namespace Credence.Registry.Principals;

/// <summary>
/// What a registration must say for its role: a source names the record types it submits, a
/// relying party the capabilities it asks about and its purpose, a subject its identifier. Names
/// and types are plain tokens (a source's name goes into every record key it submits), and none
/// may name a protected matter.
/// </summary>
internal static partial class RegistrationRules
{
    public static Outcome<Principal> Check(PrincipalRegistration registration, DateTimeOffset now, IdentifierAllowList? allowList)
    {
        if (Unreadable(registration) is { } unreadable)
        {
            return unreadable;
        }

        var name = registration.Name?.Trim() ?? string.Empty;
        if (!Token().IsMatch(name) || name.Length > 64)
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"name '{name}' must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit", "name");
        }

        var types = Tokens(registration.RecordTypes, "recordTypes", out var problem);
        if (problem is not null)
        {
            return problem;
        }

        var capabilities = Tokens(registration.Capabilities, "capabilities", out problem);
        if (problem is not null)
        {
            return problem;
        }

        var purpose = string.IsNullOrWhiteSpace(registration.Purpose) ? null : registration.Purpose.Trim();
        string? subject = null;
        switch (registration.Role)
        {
            case Role.Source when types.IsEmpty:
                return new RegistryProblem(ProblemTypes.MissingField, "a source is registered with the record types it may submit", "recordTypes");
            case Role.RelyingParty when capabilities.IsEmpty:
                return new RegistryProblem(ProblemTypes.MissingField, "a relying party is registered with the capabilities or measures it may ask about", "capabilities");
            case Role.RelyingParty when purpose is null:
                return new RegistryProblem(ProblemTypes.PurposeRequired, "a relying party states the purpose of its requests when it is registered", "purpose");
            case Role.Subject:
                var check = SubjectIdentifiers.Check(registration.Subject ?? string.Empty, DateOnly.FromDateTime(now.UtcDateTime), allowList);
                if (!check.IsValid)
                {
                    return new RegistryProblem(ProblemTypes.InvalidIdentifier, $"a subject key is bound to a valid identifier: {check.Rule}: {check.Reason}", "subject");
                }

                subject = check.Id!.Value.Value;
                break;
        }

        if (registration.Role != Role.Source && !types.IsEmpty || registration.Role != Role.RelyingParty && !capabilities.IsEmpty)
        {
            return new RegistryProblem(ProblemTypes.BadValue, "record types are registered for sources only, capabilities for relying parties only", types.IsEmpty ? "capabilities" : "recordTypes");
        }

        if (registration.Role != Role.Subject && registration.Subject is not null)
        {
            return new RegistryProblem(ProblemTypes.BadValue, "only a subject key is bound to a subject", "subject");
        }

        return new Principal(0, name, registration.Role, subject, purpose, types, capabilities, now);
    }

    /// <summary>A control, invisible or reordering character in any field, or one too long, checked before anything is trimmed.</summary>
    private static RegistryProblem? Unreadable(PrincipalRegistration registration) =>
        OutsideText.First(
            OutsideText.Identifier("name", registration.Name),
            (registration.RecordTypes ?? []).Select(t => OutsideText.Identifier("recordTypes", t)).FirstOrDefault(p => p is not null),
            (registration.Capabilities ?? []).Select(c => OutsideText.Identifier("capabilities", c)).FirstOrDefault(p => p is not null),
            OutsideText.Short("purpose", registration.Purpose),
            OutsideText.Identifier("subject", registration.Subject));

    private static ImmutableArray<string> Tokens(IReadOnlyList<string>? values, string field, out RegistryProblem? problem)
    {
        problem = null;
        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var raw in values ?? [])
        {
            var value = raw?.Trim() ?? string.Empty;
            if (!Token().IsMatch(value) || value.Length > 128)
            {
                problem = new RegistryProblem(ProblemTypes.BadValue, $"'{value}' is not a type, capability or measure id (lower-case letters, digits, '.', '_', '-')", field);
                return [];
            }

            if (ProtectedMatters.Find(value) is { } match)
            {
                problem = new RegistryProblem(ProblemTypes.ProtectedMatter, $"'{value}' is about {match.Category} ('{match.Term}'), a protected matter", field);
                return [];
            }

            if (!result.Contains(value))
            {
                result.Add(value);
            }
        }

        return result.ToImmutable();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
