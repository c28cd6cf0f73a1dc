using System.Globalization;

namespace Credence.Cluster.Tests;

/// <summary>The TCP sockets a process listens on, read from <c>/proc</c> as an operator's <c>ss -ltnp</c> would.</summary>
internal static class ListeningSockets
{
    /// <summary>Each listening socket of <paramref name="pid"/> as (address, port); IPv4 addresses dotted, IPv6 in /proc's hex.</summary>
    public static IReadOnlySet<(string Address, int Port)> Of(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in Directory.GetFiles($"/proc/{pid}/fd"))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    inodes.Add(target["socket:[".Length..^1]);
                }
            }
            catch (IOException)
            {
                // Closed while read.
            }
        }

        var listening = new HashSet<(string, int)>();
        foreach (var (table, v4) in new[] { ("tcp", true), ("tcp6", false) })
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/net/{table}").Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields[3] != "0A" || !inodes.Contains(fields[9]))
                {
                    continue;
                }

                var (address, port) = (fields[1].Split(':')[0], int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                listening.Add((v4 ? Dotted(address) : address, port));
            }
        }

        return listening;
    }

    private static string Dotted(string hex)
    {
        var value = uint.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return string.Join('.', Enumerable.Range(0, 4).Select(i => ((value >> (8 * i)) & 0xFF).ToString(CultureInfo.InvariantCulture)));
    }
}
