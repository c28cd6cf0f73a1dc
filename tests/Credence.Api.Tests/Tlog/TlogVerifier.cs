using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Credence.Api.Tests.Tlog;

/// <summary>
/// A tlog client written from the specifications alone (c2sp.org/tlog-tiles, c2sp.org/tlog-checkpoint,
/// c2sp.org/signed-note, RFC 6962 / RFC 9162 section 2.1), with no Credence code: it verifies a signed
/// checkpoint, fetches hash tiles over HTTP, checks every tile it uses against the tiles above it and
/// the signed root, and builds and checks inclusion and consistency proofs from them.
/// </summary>
internal sealed class TlogVerifier(HttpClient http, string prefix)
{
    private readonly Dictionary<string, byte[]> fetched = new(StringComparer.Ordinal);

    /// <summary>Every tile path fetched so far, for tests that tamper with one.</summary>
    public IReadOnlyDictionary<string, byte[]> Fetched => fetched;

    /// <summary>Changes what a tile fetch answers, as a hostile server or cache would.</summary>
    public Func<string, byte[], byte[]>? Tamper { get; set; }

    /// <summary>A verified checkpoint: origin, size and root.</summary>
    internal sealed record SignedTree(string Origin, long Size, byte[] Root);

    /// <summary>
    /// Verifies a signed note against a verifier key <c>name+hex key id+base64(0x01 ‖ Ed25519 public key)</c>
    /// and parses its checkpoint body; throws when anything does not hold.
    /// </summary>
    public static SignedTree VerifyCheckpoint(string note, string verifierKey)
    {
        var keyParts = verifierKey.Trim().Split('+', 3);
        Assert.Equal(3, keyParts.Length);
        var name = keyParts[0];
        var keyBlob = Convert.FromBase64String(keyParts[2]);
        Assert.Equal(0x01, keyBlob[0]);
        var keyId = SHA256.HashData([.. Encoding.UTF8.GetBytes(name), 0x0A, .. keyBlob]).AsSpan(0, 4).ToArray();
        Assert.Equal(keyParts[1], Convert.ToHexStringLower(keyId));

        var split = note.IndexOf("\n\n", StringComparison.Ordinal);
        Assert.True(split > 0, "a signed note has a blank line between text and signatures");
        var text = note[..(split + 1)];
        var verified = false;
        foreach (var line in note[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("\u2014 ", line, StringComparison.Ordinal);
            var fields = line[2..].Split(' ');
            var blob = Convert.FromBase64String(fields[1]);
            if (fields[0] == name && blob.AsSpan(0, 4).SequenceEqual(keyId))
            {
                var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, keyBlob.AsSpan(1), KeyBlobFormat.RawPublicKey);
                verified = SignatureAlgorithm.Ed25519.Verify(publicKey, Encoding.UTF8.GetBytes(text), blob.AsSpan(4));
                if (!verified)
                {
                    throw new InvalidDataException("the checkpoint's signature does not verify");
                }
            }
        }

        if (!verified)
        {
            throw new InvalidDataException("the checkpoint carries no signature by the key");
        }

        var body = text.Split('\n');
        return new SignedTree(body[0], long.Parse(body[1], NumberStyles.None, CultureInfo.InvariantCulture), Convert.FromBase64String(body[2]));
    }

    /// <summary>The tile path of level <paramref name="level"/>, index <paramref name="n"/>, as the spec writes it.</summary>
    public static string TilePath(string kind, long n, long? width)
    {
        var digits = n.ToString(CultureInfo.InvariantCulture);
        digits = new string('0', (3 - (digits.Length % 3)) % 3) + digits;
        var elements = Enumerable.Range(0, digits.Length / 3).Select(i => digits.Substring(i * 3, 3)).ToList();
        var path = string.Join('/', elements.Select((e, i) => i < elements.Count - 1 ? "x" + e : e));
        return $"tile/{kind}/{path}" + (width is { } w ? $".p/{w}" : string.Empty);
    }

    /// <summary>
    /// RFC 6962 MTH of the whole tree of <paramref name="tree"/>'s size, from tiles; every tile used is
    /// checked against the tile above it (a full tile's tree hash is the hash the level above holds).
    /// </summary>
    public async Task<byte[]> RootAsync(long size) => await RangeAsync(0, size, size);

    /// <summary>The leaf hash at <paramref name="index"/> as the level-0 tile of the tree of <paramref name="size"/> holds it.</summary>
    public async Task<byte[]> InclusionLeafAsync(long index, long size) => await StoredHashAsync(0, index, size);

    /// <summary>RFC 9162 2.1.3.1 PATH(m, D[n]) built from tiles.</summary>
    public async Task<List<byte[]>> InclusionPathAsync(long m, long size) => await PathAsync(m, 0, size, size);

    /// <summary>RFC 9162 2.1.4.1 PROOF(m, D[n]) built from tiles.</summary>
    public async Task<List<byte[]>> ConsistencyPathAsync(long m, long size) => await SubProofAsync(m, 0, size, true, size);

    /// <summary>RFC 9162 2.1.3.2: does <paramref name="path"/> lead from the leaf to <paramref name="root"/>?</summary>
    public static bool VerifyInclusion(long index, long size, byte[] leafHash, IReadOnlyList<byte[]> path, byte[] root)
    {
        if (index >= size)
        {
            return false;
        }

        long fn = index, sn = size - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.SequenceEqual(root);
    }

    /// <summary>RFC 9162 2.1.4.2: is the tree of <paramref name="first"/> a prefix of the tree of <paramref name="second"/>?</summary>
    public static bool VerifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (first == second)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }

        if (first == 0 || first > second || proof.Count == 0)
        {
            return false;
        }

        var path = proof.ToList();
        if ((first & (first - 1)) == 0)
        {
            path.Insert(0, firstRoot);
        }

        long fn = first - 1, sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = Node(c, fr);
                sr = Node(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return fr.SequenceEqual(firstRoot) && sr.SequenceEqual(secondRoot) && sn == 0;
    }

    /// <summary>The entries of a bundle: each a big-endian uint16 length and that many bytes.</summary>
    public static List<byte[]> DecodeBundle(byte[] bundle)
    {
        var entries = new List<byte[]>();
        for (var at = 0; at < bundle.Length;)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(at));
            entries.Add(bundle[(at + 2)..(at + 2 + length)]);
            at += 2 + length;
        }

        return entries;
    }

    public static byte[] LeafHash(byte[] entry) => SHA256.HashData([0x00, .. entry]);

    private static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    private static long Split(long n)
    {
        long k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }

    /// <summary>MTH(D[start:end]) of the tree of <paramref name="size"/>.</summary>
    private async Task<byte[]> RangeAsync(long start, long end, long size)
    {
        var count = end - start;
        if ((count & (count - 1)) == 0 && start % count == 0)
        {
            var height = System.Numerics.BitOperations.Log2((ulong)count);
            return await SubtreeAsync(height, start >> height, size);
        }

        var k = Split(count);
        return Node(await RangeAsync(start, start + k, size), await RangeAsync(start + k, end, size));
    }

    /// <summary>The hash of the perfect subtree of <paramref name="height"/> at <paramref name="index"/>.</summary>
    private async Task<byte[]> SubtreeAsync(int height, long index, long size)
    {
        if (height % 8 == 0)
        {
            return await StoredHashAsync(height / 8, index, size);
        }

        return Node(await SubtreeAsync(height - 1, 2 * index, size), await SubtreeAsync(height - 1, (2 * index) + 1, size));
    }

    /// <summary>Hash <paramref name="index"/> of tile level <paramref name="level"/>, from the tile that holds it in the tree of <paramref name="size"/>.</summary>
    private async Task<byte[]> StoredHashAsync(int level, long index, long size)
    {
        var tile = await TileAsync(level, index / 256, size);
        var at = (int)(index % 256) * 32;
        return tile[at..(at + 32)];
    }

    /// <summary>
    /// Tile <paramref name="n"/> of <paramref name="level"/> as the tree of <paramref name="size"/> has it (full, or
    /// partial of the width the spec gives); a full tile is checked against the hash the level above holds for it.
    /// </summary>
    private async Task<byte[]> TileAsync(int level, long n, long size)
    {
        var hashes = size >> (8 * level);
        long? width = (n + 1) * 256 <= hashes ? null : hashes - (n * 256);
        var path = TilePath(level.ToString(CultureInfo.InvariantCulture), n, width);
        if (!fetched.TryGetValue(path, out var tile))
        {
            using var response = await http.GetAsync(prefix + path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
            tile = await response.Content.ReadAsByteArrayAsync();
            tile = Tamper?.Invoke(path, tile) ?? tile;
            Assert.Equal((width ?? 256) * 32, tile.Length);
            fetched[path] = tile;
            if (width is null)
            {
                // The hash of a full tile is stored one level up: check it there, up to the top.
                var above = await StoredHashAsync(level + 1, n, size);
                var computed = PerfectRoot(tile);
                if (!computed.SequenceEqual(above))
                {
                    throw new InvalidDataException($"{path} does not hash to the hash the level above holds for it");
                }
            }
        }

        return tile;
    }

    private static byte[] PerfectRoot(byte[] tile)
    {
        var level = Enumerable.Range(0, tile.Length / 32).Select(i => tile[(i * 32)..((i + 1) * 32)]).ToList();
        while (level.Count > 1)
        {
            level = Enumerable.Range(0, level.Count / 2).Select(i => Node(level[2 * i], level[(2 * i) + 1])).ToList();
        }

        return level[0];
    }

    private async Task<List<byte[]>> PathAsync(long m, long start, long end, long size)
    {
        var n = end - start;
        if (n == 1)
        {
            return [];
        }

        var k = Split(n);
        if (m < k)
        {
            return [.. await PathAsync(m, start, start + k, size), await RangeAsync(start + k, end, size)];
        }

        return [.. await PathAsync(m - k, start + k, end, size), await RangeAsync(start, start + k, size)];
    }

    private async Task<List<byte[]>> SubProofAsync(long m, long start, long end, bool whole, long size)
    {
        var n = end - start;
        if (m == n)
        {
            return whole ? [] : [await RangeAsync(start, end, size)];
        }

        var k = Split(n);
        if (m <= k)
        {
            return [.. await SubProofAsync(m, start, start + k, whole, size), await RangeAsync(start + k, end, size)];
        }

        return [.. await SubProofAsync(m - k, start + k, end, false, size), await RangeAsync(start, start + k, size)];
    }
}
