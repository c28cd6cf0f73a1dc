namespace Credence.Registry.Fairness;

/// <summary>How far the report's reading and scoring has got: subjects done of about how many.</summary>
public readonly record struct FairnessProgress(long Done, long Total);
