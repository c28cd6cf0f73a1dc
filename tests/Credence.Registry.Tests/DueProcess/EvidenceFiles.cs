using System.Text;
using Credence.Registry.DueProcess.Evidence;

namespace Credence.Registry.Tests.DueProcess;

/// <summary>Small files of each kind, well formed and disguised, for the evidence tests.</summary>
internal static class EvidenceFiles
{
    public static byte[] Pdf(string body = "1 0 obj << /Type /Catalog >> endobj") =>
        Encoding.ASCII.GetBytes($"%PDF-1.7\n{body}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Jpeg(int size = 64)
    {
        var bytes = new byte[Math.Max(size, 6)];
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        bytes[3] = 0xE0;
        for (var i = 4; i < bytes.Length - 2; i++)
        {
            bytes[i] = (byte)(i * 7 % 200);
        }

        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;
        return bytes;
    }

    public static byte[] Png(string? text = null)
    {
        var chunks = new List<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        chunks.AddRange([0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE]);
        if (text is not null)
        {
            var t = Encoding.Latin1.GetBytes(text);
            chunks.AddRange([0, 0, 0, (byte)t.Length, .. "tEXt"u8, .. t, 0, 0, 0, 0]);
        }

        chunks.AddRange([0, 0, 0, 0, .. "IEND"u8, 0xAE, 0x42, 0x60, 0x82]);
        return [.. chunks];
    }

    public static EvidenceUpload Upload(string name, byte[] content) => new(name, content);
}
