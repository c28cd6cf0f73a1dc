using System.Collections.Concurrent;
using Credence.Core.Policies;
using Credence.Core.Policies.Validation;
using Credence.Core.Records;

namespace Credence.Core.Intake;

/// <summary>
/// The policy-dependent checks a record version must pass before a registry stores it: its type is
/// in the catalogue of the policy that covers its subject, about an allowed matter, in the type's
/// area, and, when the type can lower a score, resting on a legal basis. <see cref="RecordLineParser"/>
/// has already checked the fields themselves.
/// </summary>
/// <remarks>
/// Implementation note: a record type that names a protected matter is refused as
/// <c>protected-matter</c> before it could be refused as <c>unknown-record-type</c>, so that a
/// source learns why such a record can never be accepted (promise 2), not merely that the
/// catalogue lacks it. A withdrawal is only checked for protected matters: it lowers nothing, and a
/// source must be able to withdraw a record even when a later policy dropped its type. Intake checks
/// every record, and a registry sees few distinct type ids, so the protected-term verdict is
/// remembered per type id (the term matcher runs regular expressions).
/// </remarks>
public static class IntakeRules
{
    private const int MaxRemembered = 10_000;

    private static readonly ConcurrentDictionary<string, TermMatch?> Verdicts = new(StringComparer.Ordinal);

    /// <summary>Checks <paramref name="record"/> against the policy that covers its subject's kind.</summary>
    /// <returns>The first problem found, or null when the record may be stored.</returns>
    public static IntakeProblem? Check(Record record, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(policy);
        if (ProtectedTerm(record.Type) is { } match)
        {
            return new IntakeProblem("protected-matter", "type",
                $"record type '{record.Type}' is about {match.Category} ('{match.Term}'); records about protected matters are refused, whatever the policy");
        }

        if (record.Action == RecordAction.Withdrawn)
        {
            return null;
        }

        if (policy.Subjects != record.Subject.Kind)
        {
            return KindMismatch(record, policy);
        }

        if (policy.FindRecordType(record.Type) is not { } type)
        {
            return new IntakeProblem("unknown-record-type", "type",
                $"record type '{record.Type}' is not in the catalogue of {policy.VersionTag}");
        }

        if (type.Area != record.Area)
        {
            return new IntakeProblem("area-mismatch", "area",
                $"'{type.Id}' belongs to the {Name(type.Area)} area, not {Name(record.Area)}");
        }

        if (type.IsNegative && !record.HasLegalBasis)
        {
            return new IntakeProblem("missing-legal-basis", "legalBasis",
                $"'{type.Id}' lowers a score, so a record of it must state its legal basis (decision or case reference)");
        }

        return null;
    }

    /// <summary>
    /// Checks <paramref name="record"/> against whichever of <paramref name="policies"/> covers its
    /// subject's kind. When that catalogue lacks the type but a policy for the other kind of subject
    /// has it, the problem is <c>subject-kind-mismatch</c>: the record is about the wrong kind of subject.
    /// </summary>
    /// <returns>The first problem found, or null; <c>unknown-record-type</c> when no policy covers the subject's kind.</returns>
    public static IntakeProblem? Check(Record record, IReadOnlyList<Policy> policies)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(policies);
        Policy? own = null;
        foreach (var p in policies)
        {
            if (p.Subjects == record.Subject.Kind)
            {
                own = p;
                break;
            }
        }

        if (own is null)
        {
            return ProtectedTerm(record.Type) is not null && policies.Count > 0
                ? Check(record, policies[0])
                : new IntakeProblem("unknown-record-type", "type", $"no policy covers {Name(record.Subject.Kind)} subjects, so no record type is known for them");
        }

        var problem = Check(record, own);
        if (problem?.Type == "unknown-record-type")
        {
            foreach (var other in policies)
            {
                if (other.Subjects != record.Subject.Kind && other.FindRecordType(record.Type) is not null)
                {
                    return KindMismatch(record, other);
                }
            }
        }

        return problem;
    }

    private static TermMatch? ProtectedTerm(string type)
    {
        if (Verdicts.TryGetValue(type, out var verdict))
        {
            return verdict;
        }

        verdict = ProtectedMatters.Find(type);
        if (Verdicts.Count >= MaxRemembered)
        {
            Verdicts.Clear();
        }

        Verdicts[type] = verdict;
        return verdict;
    }

    private static IntakeProblem KindMismatch(Record record, Policy policy) =>
        new("subject-kind-mismatch", "subject",
            $"record type '{record.Type}' is about {Name(policy.Subjects)} subjects ({policy.VersionTag}), and the subject is a {Name(record.Subject.Kind)}");

    private static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
