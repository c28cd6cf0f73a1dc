using Credence.Core.Scoring;

namespace Credence.Registry.Storage;

/// <summary>How many subjects have a grade (or a status without one) under a policy version.</summary>
public sealed record GradeCount(string PolicyTag, ScoreStatus Status, string? Grade, long Subjects);
