namespace Credence.Registry.Disclosure;

/// <summary>A record that counts in a score: its key (<c>source/id</c>), its type and the points it counts for then.</summary>
public sealed record CountedRecord(string Record, string Type, int Points);
