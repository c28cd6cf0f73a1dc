namespace Credence.Core.Policies.Validation;

/// <summary>A 1-based line and column in a policy's source text.</summary>
public readonly record struct PolicyLocation(int Line, int Column);
