namespace Credence.Registry.Sharing;

/// <summary>A share just created, with its code: the only time the code is ever shown.</summary>
public sealed record IssuedShare(Share Share, string Code);
