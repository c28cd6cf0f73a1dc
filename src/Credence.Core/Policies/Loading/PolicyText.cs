using System.Buffers;
using System.Text.Unicode;
using Credence.Core.Policies.Validation;

namespace Credence.Core.Policies.Loading;

/// <summary>
/// Turns the bytes of a policy file into its text: UTF-8, with or without a byte order mark at the
/// start. Bytes that are not UTF-8, and files in UTF-16 or UTF-32 (which a lenient reader would
/// silently decode, or turn into replacement characters), are a located problem, not a guess.
/// </summary>
public static class PolicyText
{
    private static readonly (byte[] Mark, string Name)[] OtherEncodings =
    [
        ([0xFF, 0xFE, 0x00, 0x00], "UTF-32 (little-endian)"),
        ([0x00, 0x00, 0xFE, 0xFF], "UTF-32 (big-endian)"),
        ([0xFF, 0xFE], "UTF-16 (little-endian)"),
        ([0xFE, 0xFF], "UTF-16 (big-endian)"),
    ];

    /// <summary>
    /// The text of the file at <paramref name="path"/>, or the problem that keeps it from being
    /// read; a file too large to be a policy is refused without being read. I/O errors are thrown.
    /// </summary>
    public static (string? Text, PolicyProblem? Problem) ReadFile(string path)
    {
        var length = new FileInfo(path).Length;
        return length > 4L * PolicyLimits.MaxLength
            ? (null, new PolicyProblem(PolicyRules.YamlLimit, $"the file is {length} bytes long; a policy may have at most {PolicyLimits.MaxLength} characters", path, 1, 1, string.Empty))
            : Decode(File.ReadAllBytes(path), path);
    }

    /// <summary>The text of <paramref name="bytes"/>, or the problem that keeps it from being read.</summary>
    public static (string? Text, PolicyProblem? Problem) Decode(ReadOnlySpan<byte> bytes, string? fileName = null)
    {
        foreach (var (mark, name) in OtherEncodings)
        {
            if (bytes.StartsWith(mark))
            {
                return (null, new PolicyProblem(PolicyRules.YamlSyntax, $"the text is {name}; a policy is UTF-8 text", fileName, 1, 1, string.Empty));
            }
        }

        if (bytes.Length > 4L * PolicyLimits.MaxLength)
        {
            return (null, new PolicyProblem(PolicyRules.YamlLimit, $"the text is {bytes.Length} bytes long; a policy may have at most {PolicyLimits.MaxLength} characters", fileName, 1, 1, string.Empty));
        }

        // A byte order mark at the start decodes to U+FEFF, which the reader allows there and nowhere else.
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return (new string(chars, 0, written), null);
        }

        var before = chars.AsSpan(0, written);
        var line = before.Count('\n') + 1;
        var column = written - (before.LastIndexOf('\n') + 1) + 1;
        return (null, new PolicyProblem(PolicyRules.YamlSyntax, $"the byte 0x{bytes[read]:X2} at offset {read} is not UTF-8; a policy is UTF-8 text", fileName, line, column, string.Empty));
    }
}
