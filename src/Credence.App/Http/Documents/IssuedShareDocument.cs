using Credence.Registry.Sharing;

namespace Credence.App.Http.Documents;

/// <summary>A share just created, with its code (shown this once: the registry keeps only its hash) and the path a relying party posts it to (the code goes in the body, never in a URL).</summary>
internal sealed record IssuedShareDocument(string Code, string Path, ShareDocument Share)
{
    public static IssuedShareDocument From(IssuedShare issued) =>
        new(issued.Code, "/v1/shared", ShareDocument.From(issued.Share, issued.Share.CreatedAt));
}
