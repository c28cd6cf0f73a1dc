namespace Credence.App.Http.Documents;

/// <summary>A sign-off: the digest of the newest simulation report of the version, as read.</summary>
internal sealed record SignOffRequest(string? Report);
