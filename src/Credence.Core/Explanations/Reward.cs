namespace Credence.Core.Explanations;

/// <summary>A positive record type the catalogue rewards, with its points and cap.</summary>
public sealed record Reward(string Type, string Name, int Points, string? Cap);
