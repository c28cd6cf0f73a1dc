using System.Buffers;
using System.Text;
using Credence.Registry;

namespace Credence.App.Http;

/// <summary>
/// Reads request bodies as UTF-8 text up to a limit. A body over the limit is refused as
/// <c>payload-too-large</c> and nothing of it is kept; bytes that are not UTF-8 are refused as
/// malformed (JSON or CSV, as the caller says); a body that breaks HTTP framing (a bad or
/// overflowing chunk size) is <c>malformed-request</c>, 400.
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

    /// <summary>
    /// Reads a policy body (up to the single-body limit) and decodes it as
    /// <see cref="Core.Policies.Loading.PolicyText"/> does a file, so bytes that are not UTF-8 are a
    /// located policy problem.
    /// </summary>
    public static async Task<Outcome<string>> PolicyAsync(HttpContext context, RegistryServerOptions options)
    {
        var bytes = await ReadBytesAsync(context, options.SingleBodyLimit).ConfigureAwait(false);
        if (!bytes.IsOk)
        {
            return Outcome.Fail<string>(bytes.Problem!);
        }

        var (text, problem) = Core.Policies.Loading.PolicyText.Decode(bytes.Value, "policy.yaml");
        return text is not null ? text
            : new RegistryProblem(ProblemTypes.InvalidPolicy, "the policy has 1 problem; it was not stored") { Errors = [problem!.ToString()] };
    }

    public static async Task<Outcome<string>> ReadTextAsync(HttpContext context, long limit, string malformedType)
    {
        var bytes = await ReadBytesAsync(context, limit).ConfigureAwait(false);
        if (!bytes.IsOk)
        {
            return Outcome.Fail<string>(bytes.Problem!);
        }

        try
        {
            var span = bytes.Value.AsSpan();
            return Strict.GetString(span.StartsWith(Encoding.UTF8.Preamble) ? span[3..] : span);
        }
        catch (DecoderFallbackException)
        {
            return new RegistryProblem(malformedType, "the body is not UTF-8 text");
        }
    }

    /// <summary>The body's bytes, at most <paramref name="limit"/> (<c>payload-too-large</c> beyond).</summary>
    public static Task<Outcome<byte[]>> BytesAsync(HttpContext context, long limit) => ReadBytesAsync(context, limit);

    private static async Task<Outcome<byte[]>> ReadBytesAsync(HttpContext context, long limit)
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
        catch (BadHttpRequestException e)
        {
            return MalformedRequest(e.Message);
        }
        catch (IOException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Kestrel reports some framing errors this way (a chunk size that overflows is an
            // IOException around an OverflowException): the client sent what is not HTTP.
            return MalformedRequest(e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>A body the server could not read as HTTP (bad chunk framing, a body shorter than its length): the client's error, 400.</summary>
    public static RegistryProblem MalformedRequest(string reason) =>
        new(ProblemTypes.MalformedRequest, $"the request body breaks HTTP framing ({reason}); nothing was read");

    private static RegistryProblem TooLarge(long limit) =>
        new(ProblemTypes.PayloadTooLarge, $"the body is larger than {limit} bytes, the limit of this endpoint");
}
