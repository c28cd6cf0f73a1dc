namespace Credence.Registry.Storage;

/// <summary>How many subjects are on a list under a policy version.</summary>
public sealed record ListCount(string PolicyTag, string List, long Subjects);
