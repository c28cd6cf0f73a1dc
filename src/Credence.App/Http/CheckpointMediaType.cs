using Microsoft.Net.Http.Headers;

namespace Credence.App.Http;

/// <summary>
/// Which form of the newest checkpoint a client asked for: the C2SP signed note (<c>text/plain</c>,
/// the default) or the JSON document (<c>application/json</c>).
/// </summary>
/// <remarks>
/// Implementation note: JSON when the <c>Accept</c> header names <c>application/json</c> (or
/// <c>application/*</c>) with a quality above zero and at least the quality it gives <c>text/plain</c>
/// (or <c>text/*</c>); a wildcard <c>*/*</c> alone, no header, or a header naming neither gets the note,
/// which is what the C2SP tools expect. So a client listing both equally (as many libraries do) gets
/// the JSON it parses, and one that prefers the note says so with a higher quality. Nothing is
/// refused with 406: every client gets one of the two forms.
/// </remarks>
internal static class CheckpointMediaType
{
    public const string Note = "text/plain; charset=utf-8";

    public static bool WantsJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        IList<MediaTypeHeaderValue> accept;
        try
        {
            accept = request.GetTypedHeaders().Accept;
        }
        catch (FormatException)
        {
            return false;
        }

        // The most specific range decides (RFC 9110 12.5.1): application/json before application/*.
        double? json = null, anyApplication = null, text = null, anyText = null;
        foreach (var range in accept)
        {
            var q = range.Quality ?? 1;
            var type = range.Type.Value ?? string.Empty;
            var subtype = range.SubType.Value ?? string.Empty;
            if (type.Equals("application", StringComparison.OrdinalIgnoreCase))
            {
                if (subtype.Equals("json", StringComparison.OrdinalIgnoreCase))
                {
                    json = Math.Max(json ?? 0, q);
                }
                else if (subtype == "*")
                {
                    anyApplication = Math.Max(anyApplication ?? 0, q);
                }
            }
            else if (type.Equals("text", StringComparison.OrdinalIgnoreCase))
            {
                if (subtype.Equals("plain", StringComparison.OrdinalIgnoreCase))
                {
                    text = Math.Max(text ?? 0, q);
                }
                else if (subtype == "*")
                {
                    anyText = Math.Max(anyText ?? 0, q);
                }
            }
        }

        var jsonQuality = json ?? anyApplication ?? 0;
        var noteQuality = text ?? anyText ?? 0;
        return jsonQuality > 0 && jsonQuality >= noteQuality;
    }
}
