using System.Buffers;
using System.Text;
using Credence.Registry;

namespace Credence.App.Http;

/// <summary>
/// Reads request bodies as UTF-8 text up to a limit. A body over the limit is refused as
/// <c>payload-too-large</c> and nothing of it is kept; bytes that are not UTF-8 are refused as
/// malformed (JSON or CSV, as the caller says).
/// </summary>
/// <remarks>
/// Implementation note: the rest of an oversized body is read and discarded before the answer, so
/// that the client, still sending, reads a 413 rather than a reset connection. Kestrel's own limit
/// (twice the largest endpoint limit) bounds how much is discarded; beyond it the connection closes.
/// </remarks>
internal static class ApiBodies
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and strictly parses a small JSON body (up to the single-body limit).</summary>
    public static async Task<Outcome<T>> JsonAsync<T>(HttpContext context, RegistryServerOptions options)
        where T : class
    {
        var body = await ReadTextAsync(context, options.SingleBodyLimit, ProblemTypes.MalformedJson).ConfigureAwait(false);
        return body.IsOk ? ApiJson.Parse<T>(body.Value) : Outcome.Fail<T>(body.Problem!);
    }

    public static async Task<Outcome<string>> ReadTextAsync(HttpContext context, long limit, string malformedType)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    while (await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false) > 0)
                    {
                        // Discard the rest: the body is refused whole.
                    }

                    return TooLarge(limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        try
        {
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (bytes.StartsWith(Encoding.UTF8.Preamble))
            {
                bytes = bytes[3..];
            }

            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new RegistryProblem(malformedType, "the body is not UTF-8 text");
        }
    }

    private static RegistryProblem TooLarge(long limit) =>
        new(ProblemTypes.PayloadTooLarge, $"the body is larger than {limit} bytes, the limit of this endpoint");
}
