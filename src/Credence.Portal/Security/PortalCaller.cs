using Credence.Registry.Access;

namespace Credence.Portal.Security;

/// <summary>The registry principal a portal session resolved to, for this request.</summary>
internal sealed record PortalCaller(Principal Principal);
