using Credence.Core.Identifiers;
using Credence.Core.Policies.Loading;

namespace Credence.Core.Policies.Validation;

/// <summary>The policy's header: id, version, subjects, profile, age, scale, grades and size limits.</summary>
internal static class HeaderChecks
{
    /// <summary>Record types, lists and measures are kept in bitmasks by the scoring engine.</summary>
    public const int MaxRecordTypes = 1024;
    public const int MaxLists = 64;
    public const int MaxMeasures = 64;

    /// <summary>An adverse outcome names at most four key reasons (shared/DESIGN.md, Explanation).</summary>
    public const int MaxKeyFactors = 4;

    /// <summary>Younger persons are neither scored nor listed.</summary>
    public const int AdultAge = 18;

    public static void Check(ValidationContext ctx)
    {
        var p = ctx.Policy;
        if (!IdSyntax.IsId(p.Id))
        {
            ctx.Report(PolicyRules.BadValue, "policy", $"policy id '{p.Id}' is not an id: use {IdSyntax.IdRule}");
        }

        if (string.IsNullOrWhiteSpace(p.Version) || p.Version.Length > 32 || p.Version.Any(char.IsWhiteSpace))
        {
            ctx.Report(PolicyRules.BadValue, "version", $"version '{p.Version}' must be 1 to 32 characters without spaces, e.g. 2026.1");
        }

        if (string.IsNullOrWhiteSpace(p.Title))
        {
            ctx.Report(PolicyRules.BadValue, "title", "the policy needs a title");
        }

        if (!Enum.IsDefined(p.Subjects))
        {
            ctx.Report(PolicyRules.BadValue, "subjects", $"subjects '{p.Subjects}' is neither persons nor organisations");
        }

        if (!Enum.IsDefined(p.Profile))
        {
            ctx.Report(PolicyRules.BadValue, "profile", $"profile '{p.Profile}' is not one of {string.Join(", ", PolicyVocabulary.Profiles.Keys)}");
        }

        if (p.Subjects == SubjectKind.Person && p.MinimumAge < AdultAge)
        {
            ctx.Report(PolicyRules.MinimumAge, "minimum-age",
                $"minimum-age is {p.MinimumAge}: persons younger than {AdultAge} are never scored nor listed, so it must be at least {AdultAge}");
        }

        CheckKeyFactors(ctx);
        CheckLimits(ctx);
        CheckScale(ctx);
        CheckGrades(ctx);
    }

    private static void CheckKeyFactors(ValidationContext ctx)
    {
        var n = ctx.Policy.MaxKeyFactors;
        if (n < 1)
        {
            ctx.Report(PolicyRules.BadValue, "max-key-factors", $"max-key-factors is {n}: an adverse outcome names at least one key factor");
        }
        else if (n > MaxKeyFactors)
        {
            var (rule, why) = ctx.IsFcra
                ? (PolicyRules.FcraKeyFactors, "the FCRA profile lets an adverse action name at most 4 key factors")
                : (PolicyRules.Limits, "an adverse outcome names at most 4 key reasons");
            ctx.Report(rule, "max-key-factors", $"max-key-factors is {n}: {why}");
        }
    }

    private static void CheckLimits(ValidationContext ctx)
    {
        var p = ctx.Policy;
        Limit(ctx, "record-types", Count(p.RecordTypes), MaxRecordTypes, "record types");
        Limit(ctx, "lists", Count(p.Lists), MaxLists, "lists");
        Limit(ctx, "measures", Count(p.Measures), MaxMeasures, "measures");
    }

    private static void Limit(ValidationContext ctx, string path, int count, int max, string what)
    {
        if (count > max)
        {
            ctx.Report(PolicyRules.Limits, path, $"the policy declares {count} {what}; at most {max} are allowed");
        }
    }

    private static void CheckScale(ValidationContext ctx)
    {
        var s = ctx.Policy.Scale;
        if (s is null)
        {
            ctx.Report(PolicyRules.Scale, "scale", "the policy needs a scale (base, min, max)");
            return;
        }

        if (s.Min >= s.Max)
        {
            ctx.Report(PolicyRules.Scale, "scale.min", $"scale min {s.Min} must be below max {s.Max}");
        }
        else if (s.Base < s.Min || s.Base > s.Max)
        {
            ctx.Report(PolicyRules.Scale, "scale.base", $"scale base {s.Base} must lie between min {s.Min} and max {s.Max}");
        }
    }

    private static void CheckGrades(ValidationContext ctx)
    {
        var grades = ctx.Policy.Grades.IsDefault ? [] : ctx.Policy.Grades;
        if (grades.IsEmpty)
        {
            ctx.Report(PolicyRules.Grades, "grades", "the policy needs at least one grade band");
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < grades.Length; i++)
        {
            var g = grades[i];
            if (string.IsNullOrWhiteSpace(g.Name) || g.Name.Length > 16 || g.Name.Any(char.IsWhiteSpace))
            {
                ctx.Report(PolicyRules.BadValue, $"grades[{i}].name", $"grade name '{g.Name}' must be 1 to 16 characters without spaces");
            }
            else if (!names.Add(g.Name))
            {
                ctx.Report(PolicyRules.DuplicateId, $"grades[{i}].name", $"grade '{g.Name}' is declared twice");
            }

            if (i > 0 && g.Minimum >= grades[i - 1].Minimum)
            {
                ctx.Report(PolicyRules.Grades, $"grades[{i}].min",
                    $"grade '{g.Name}' starts at {g.Minimum}, not below '{grades[i - 1].Name}' at {grades[i - 1].Minimum}: bands are listed highest first");
            }
        }

        if (ctx.Policy.Scale is { } s)
        {
            var top = grades[0];
            var bottom = grades[^1];
            if (top.Minimum > s.Max)
            {
                ctx.Report(PolicyRules.Grades, "grades[0].min", $"grade '{top.Name}' starts at {top.Minimum}, above the scale max {s.Max}: no score could reach it");
            }

            if (bottom.Minimum > s.Min)
            {
                ctx.Report(PolicyRules.Grades, $"grades[{grades.Length - 1}].min",
                    $"the lowest grade '{bottom.Name}' starts at {bottom.Minimum}, above the scale min {s.Min}: every score must have a grade");
            }
        }
    }

    private static int Count<T>(System.Collections.Immutable.ImmutableArray<T> items) => items.IsDefault ? 0 : items.Length;
}
