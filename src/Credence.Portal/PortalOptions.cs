namespace Credence.Portal;

/// <summary>How the registry's host sets up the portal.</summary>
/// <param name="DataProtectionFolder">Where the keys that protect session and anti-forgery cookies are kept (beside the database), so that sessions survive a restart.</param>
public sealed record PortalOptions(string DataProtectionFolder)
{
    /// <summary>
    /// Renders a free disclosure as the API's documents (the HTML page, the JSON document), so that the
    /// portal's downloads are byte for byte what <c>GET /v1/me/disclosure(.html)</c> gives; set by the
    /// host, which owns those formats. Without them the portal offers no disclosure download (404).
    /// </summary>
    public Func<Credence.Registry.Disclosure.DisclosureView, string>? DisclosureHtml { get; init; }

    /// <inheritdoc cref="DisclosureHtml"/>
    public Func<Credence.Registry.Disclosure.DisclosureView, string>? DisclosureJson { get; init; }

    /// <summary>Sets the headers of an evidence download (the host's, so that the API's and the portal's are the same).</summary>
    public Action<IHeaderDictionary, string>? EvidenceHeaders { get; init; }
}
