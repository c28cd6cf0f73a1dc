using Microsoft.Extensions.Configuration;

namespace Credence.App.Http;

/// <summary>
/// The abuse limits, per client (network address): how many anonymous requests (public lookups,
/// ledger proofs, <c>/healthz</c>) it may make in a window, and how many times it may fail
/// authentication in a window. Over a limit the answer is 429 <c>too-many-requests</c> with
/// <c>Retry-After</c>. Set from configuration section <c>Credence:RateLimits</c> (for example the
/// environment variable <c>Credence__RateLimits__PublicPermitLimit=1200</c>); a limit of 0 turns it off.
/// </summary>
internal sealed class ApiRateLimits
{
    /// <summary>The configuration section the limits are read from.</summary>
    public const string Section = "Credence:RateLimits";

    /// <summary>Anonymous requests a client may make per <see cref="PublicWindow"/>.</summary>
    public int PublicPermitLimit { get; set; } = 600;

    public TimeSpan PublicWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed authentications (401) a client may have per <see cref="AuthFailureWindow"/>; beyond them every request it sends with or without a key is answered 429 until the window ends.</summary>
    public int AuthFailureLimit { get; set; } = 30;

    public TimeSpan AuthFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>These limits with what <paramref name="configuration"/>'s section <see cref="Section"/> sets over them.</summary>
    public ApiRateLimits With(IConfiguration configuration)
    {
        var limits = (ApiRateLimits)MemberwiseClone();
        configuration.GetSection(Section).Bind(limits);
        return limits;
    }
}
