using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Credence.Registry.DueProcess.Evidence;

/// <summary>
/// What a dispute's evidence file may be: a PDF, a JPEG or a PNG, recognised by its bytes alone (its
/// name and the content type the client declared are never trusted), at most
/// <see cref="MaxBytes"/> long, at most <see cref="MaxFiles"/> to a dispute.
/// </summary>
/// <remarks>
/// Implementation note: the file is shown to the record's source and to reviewers, so it must be
/// nothing but the picture or document it says it is. A file is accepted only when it starts with its
/// format's signature (<c>%PDF-</c>; <c>FF D8 FF</c>; the PNG signature) AND ends as that format ends
/// (a PDF's last <c>%%EOF</c> followed by nothing but white space; a JPEG's end-of-image marker
/// <c>FF D9</c>; a PNG's <c>IEND</c> chunk), which refuses a ZIP, a script or another file appended to
/// a picture. A polyglot is refused too: a file whose first 1,024 bytes (where browsers and PDF
/// readers look for a format) hold another format's signature or HTML/SVG/XML markup, whose last
/// 64 KiB hold a ZIP directory, or a PDF naming JavaScript, a launch action or an embedded file.
/// Empty files are refused. 5 MiB is more than a phone photo or a scanned court letter needs; three
/// files (15 MiB) keep a dispute light for the source and reviewer who must read it all. Downloads are
/// always attachments with <c>X-Content-Type-Options: nosniff</c>, never shown inline.
/// </remarks>
public static class EvidenceRules
{
    /// <summary>The largest evidence file, in bytes (5 MiB).</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>The most evidence files one dispute holds.</summary>
    public const int MaxFiles = 3;

    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    private const int LeadingWindow = 1024;
    private const int ZipWindow = 65_536 + 22;

    private static readonly byte[] PdfSignature = "%PDF-"u8.ToArray();
    private static readonly byte[] PdfEnd = "%%EOF"u8.ToArray();
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] JpegEnd = [0xFF, 0xD9];
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] PngEnd = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];
    private static readonly byte[] ZipDirectory = [0x50, 0x4B, 0x05, 0x06];

    // Other formats' signatures that must not appear where readers look for a format.
    private static readonly (string Name, byte[] Bytes)[] Foreign =
    [
        ("PDF", PdfSignature),
        ("PNG", PngSignature),
        ("ZIP", [0x50, 0x4B, 0x03, 0x04]),
        ("GIF", "GIF8"u8.ToArray()),
        ("RAR", "Rar!"u8.ToArray()),
        ("7z", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),
        ("ELF", [0x7F, 0x45, 0x4C, 0x46]),
        ("Java class", [0xCA, 0xFE, 0xBA, 0xBE]),
    ];

    private static readonly string[] Markup = ["<html", "<script", "<!doctype", "<svg", "<?xml", "<body", "<iframe", "<head", "<object", "<embed"];

    private static readonly string[] PdfActive = ["/JavaScript", "/JS ", "/JS(", "/JS<", "/Launch", "/EmbeddedFile", "/RichMedia"];

    /// <summary>The extension for a media type this registry accepts.</summary>
    public static string ExtensionOf(string mediaType) => mediaType switch
    {
        Pdf => ".pdf",
        Jpeg => ".jpg",
        Png => ".png",
        _ => ".bin",
    };

    /// <summary>
    /// The checked file: its media type from its bytes, its SHA-256 and a name safe to show; or the
    /// problem (<c>evidence-not-accepted</c>, <c>evidence-too-large</c>, <c>bad-value</c> for its name).
    /// </summary>
    public static Outcome<CheckedEvidence> Check(EvidenceUpload upload, string field = "evidence")
    {
        var name = NameOf(upload.Name);
        if (OutsideText.Short(field + ".name", name) is { } unreadable)
        {
            return unreadable;
        }

        var bytes = upload.Content.Span;
        if (bytes.Length > MaxBytes)
        {
            return new RegistryProblem(ProblemTypes.EvidenceTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"'{name}' is {bytes.Length:N0} bytes; an evidence file is at most {MaxBytes:N0} bytes (5 MiB)"), field);
        }

        if (Sniff(bytes) is { } refused)
        {
            return new RegistryProblem(ProblemTypes.EvidenceNotAccepted, $"'{name}' is not accepted as evidence: {refused}; send a PDF, JPEG or PNG", field);
        }

        var mediaType = MediaTypeOf(bytes)!;
        return new CheckedEvidence(name, mediaType, upload.Content, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Why the bytes are not an acceptable PDF, JPEG or PNG, or null when they are one.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "the file is empty";
        }

        var type = MediaTypeOf(bytes);
        if (type is null)
        {
            return "its bytes are not those of a PDF, JPEG or PNG (its name and declared type do not count)";
        }

        var leading = bytes[..Math.Min(bytes.Length, LeadingWindow)];
        foreach (var (foreignName, signature) in Foreign)
        {
            // A format's own signature is at offset 0; anywhere else in the leading bytes it is a second format.
            var at = leading[1..].IndexOf(signature);
            if (at >= 0)
            {
                return $"it also holds a {foreignName} signature in its first {LeadingWindow:N0} bytes (a file of two formats)";
            }
        }

        var text = Encoding.Latin1.GetString(leading);
        if (Markup.FirstOrDefault(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)) is { } markup)
        {
            return $"its first {LeadingWindow:N0} bytes hold markup ({markup}) a browser could run";
        }

        var tail = bytes[Math.Max(0, bytes.Length - ZipWindow)..];
        if (tail.IndexOf(ZipDirectory) >= 0)
        {
            return "it ends with a ZIP archive's directory (a file of two formats)";
        }

        switch (type)
        {
            case Pdf:
                var eof = bytes.LastIndexOf(PdfEnd);
                if (eof < 0 || !IsWhiteSpace(bytes[(eof + PdfEnd.Length)..]))
                {
                    return "it does not end as a PDF ends (%%EOF), so something follows the document";
                }

                var whole = Encoding.Latin1.GetString(bytes);
                if (PdfActive.FirstOrDefault(a => whole.Contains(a, StringComparison.Ordinal)) is { } active)
                {
                    return $"the PDF holds active content ({active.Trim('(', '<', ' ')}): scripts, launch actions and embedded files are refused";
                }

                break;
            case Jpeg:
                if (!bytes.EndsWith(JpegEnd))
                {
                    return "it does not end as a JPEG ends (FF D9), so something follows the picture";
                }

                break;
            case Png:
                if (!bytes.EndsWith(PngEnd))
                {
                    return "it does not end as a PNG ends (IEND), so something follows the picture";
                }

                break;
        }

        return null;
    }

    /// <summary>The media type the leading bytes name, or null.</summary>
    private static string? MediaTypeOf(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(PdfSignature) ? Pdf
        : bytes.StartsWith(JpegSignature) ? Jpeg
        : bytes.StartsWith(PngSignature) ? Png
        : null;

    private static bool IsWhiteSpace(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or 0))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The file's own name without any folder a browser or client put before it (<c>C:\fakepath\</c>), trimmed; <c>evidence</c> when none.</summary>
    private static string NameOf(string? name)
    {
        var last = (name ?? string.Empty).Split('/', '\\')[^1].Trim();
        return last.Length == 0 ? "evidence" : last;
    }
}
