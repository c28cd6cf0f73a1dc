using System.Text;

namespace Credence.Portal.Tests.Browser;

/// <summary>Small evidence files, well formed and disguised, for the browser tests.</summary>
internal static class EvidenceBytes
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static readonly byte[] Png =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
        0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE,
        0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    /// <summary>A web page named and typed as a PDF.</summary>
    public static readonly byte[] HtmlAsPdf = Encoding.ASCII.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");

    /// <summary>A PNG with a ZIP archive appended: a file of two formats.</summary>
    public static readonly byte[] PngWithZip = [.. Png, 0x50, 0x4B, 0x05, 0x06, .. new byte[18]];

    /// <summary>A JPEG one byte over 5 MiB.</summary>
    public static byte[] LargeJpeg()
    {
        var bytes = new byte[(5 * 1024 * 1024) + 1];
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;
        return bytes;
    }
}
