using Credence.Ledger.Tiles;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Ledger;

namespace Credence.App.Http;

/// <summary>
/// The ledger in the C2SP tlog-tiles layout under <c>/tlog/</c>: the newest checkpoint, hash tiles
/// (anyone) and entry bundles (operator and auditor), so that a tlog client verifies inclusion and
/// consistency with no Credence code (docs/ledger-tiles.md).
/// </summary>
/// <remarks>
/// Implementation note: the tree served is the newest signed checkpoint's, so a tile is there once a
/// checkpoint covers it, and a tile beyond it is 404. A full tile never changes and is cached for a
/// year (<c>immutable</c>); a partial one for a minute (the full tile replaces it in clients' eyes);
/// the checkpoint is revalidated every time. Entry bundles are cached privately only: they are for
/// keyed callers. The layout is specified by C2SP, not by the OpenAPI document, so these routes are
/// left out of it.
/// </remarks>
internal static class TlogEndpoints
{
    public const string Prefix = "/tlog";

    private const string Binary = "application/octet-stream";

    public static void Map(IEndpointRouteBuilder app)
    {
        var open = app.MapGroup(Prefix).LimitedPerClient().ExcludeFromDescription();

        open.MapGet("/checkpoint", async (HttpContext context, LedgerService ledger) =>
        {
            var newest = await ledger.NewestAsync(context.RequestAborted);
            context.Response.Headers.CacheControl = "no-cache";
            return newest.IsOk ? Results.Text(newest.Value.Note, CheckpointMediaType.Note) : ApiProblems.Result(context, newest);
        });

        open.MapGet("/tile/{**path}", async (HttpContext context, LedgerService ledger, string? path) =>
        {
            if (TileAddress.Parse(path ?? string.Empty) is not { Entries: false } address)
            {
                return NotATile(context);
            }

            var tile = await ledger.HashTileAsync(address, context.RequestAborted);
            return tile.IsOk ? Tile(context, address, tile.Value) : ApiProblems.Result(context, tile);
        });

        app.MapGet(Prefix + "/tile/entries/{**path}", async (HttpContext context, LedgerService ledger, string? path) =>
        {
            if (TileAddress.Parse("entries/" + path) is not { } address)
            {
                return NotATile(context);
            }

            var bundle = await ledger.EntryBundleAsync(context.Caller(), address, context.RequestAborted);
            return bundle.IsOk ? Tile(context, address, bundle.Value) : ApiProblems.Result(context, bundle);
        })
        .Allow("ledger.read", Role.Operator, Role.Auditor)
        .ExcludeFromDescription();
    }

    private static IResult Tile(HttpContext context, TileAddress address, byte[] bytes)
    {
        var scope = address.Entries ? "private" : "public";
        context.Response.Headers.CacheControl = address.Width is null
            ? $"{scope}, max-age=31536000, immutable"
            : $"{scope}, max-age=60";
        return Results.Bytes(bytes, Binary);
    }

    // The path is not echoed: it is whatever a client sent.
    private static IResult NotATile(HttpContext context) =>
        ApiProblems.Result(context, new RegistryProblem(ProblemTypes.NotFound, "not a tile of the tlog-tiles layout: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>], N as 3-digit elements (x001/x234/067)"));
}
