using System.Buffers;
using System.Text;
using Credence.Registry;
using Microsoft.AspNetCore.Http.Features;

namespace Credence.App.Http;

/// <summary>
/// Reads request bodies as UTF-8 text up to a limit. A body over the limit is refused as
/// <c>payload-too-large</c> before it is read in full; bytes that are not UTF-8 are refused as
/// malformed (JSON or CSV, as the caller says).
/// </summary>
internal static class ApiBodies
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<Outcome<string>> ReadTextAsync(HttpContext context, long limit, string malformedType)
    {
        var request = context.Request;
        if (request.ContentLength is { } declared && declared > limit)
        {
            return TooLarge(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
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
