using Credence.Ledger.Hashing;

namespace Credence.Ledger.Tree;

/// <summary>A tree size and the root hash of the tree of that size.</summary>
/// <param name="Size">Number of leaves.</param>
/// <param name="RootHash">Root hash of the first <paramref name="Size"/> leaves.</param>
public sealed record TreeHead(long Size, MerkleHash RootHash);
