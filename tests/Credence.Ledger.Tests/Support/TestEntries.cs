using System.Text;

namespace Credence.Ledger.Tests.Support;

/// <summary>Distinct, deterministic test entries.</summary>
internal static class TestEntries
{
    public static byte[] Entry(long i) => Encoding.UTF8.GetBytes($"entry-{i}:{new string('x', (int)(i % 7))}");

    public static List<byte[]> Entries(int count) => Enumerable.Range(0, count).Select(i => Entry(i)).ToList();
}
