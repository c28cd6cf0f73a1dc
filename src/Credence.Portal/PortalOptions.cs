namespace Credence.Portal;

/// <summary>How the registry's host sets up the portal.</summary>
/// <param name="DataProtectionFolder">Where the keys that protect session and anti-forgery cookies are kept (beside the database), so that sessions survive a restart.</param>
public sealed record PortalOptions(string DataProtectionFolder);
