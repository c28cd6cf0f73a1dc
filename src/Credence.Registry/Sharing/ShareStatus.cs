namespace Credence.Registry.Sharing;

/// <summary>Whether a share code works at an instant.</summary>
public enum ShareStatus
{
    /// <summary>It works.</summary>
    Active = 1,

    /// <summary>Its expiry instant has come.</summary>
    Expired = 2,

    /// <summary>The subject revoked it.</summary>
    Revoked = 3,
}
