using Credence.Registry.DueProcess.Evidence;

namespace Credence.Portal.Components.Pages.Subject;

/// <summary>The evidence files of a posted form, as the use case takes them: never more than one byte past the limit is read of a file, so that a large file is refused as too large without holding it all.</summary>
internal static class EvidenceUploads
{
    public static async Task<IReadOnlyList<EvidenceUpload>> ReadAsync(HttpContext context, string field)
    {
        if (!context.Request.HasFormContentType)
        {
            return [];
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var uploads = new List<EvidenceUpload>();
        foreach (var file in form.Files.GetFiles(field))
        {
            // A file input left empty still sends a part, with no file name: it is no file.
            if (string.IsNullOrEmpty(file.FileName))
            {
                continue;
            }

            var buffer = new byte[(int)Math.Min(file.Length, EvidenceRules.MaxBytes + 1L)];
            await using var stream = file.OpenReadStream();
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), context.RequestAborted).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            uploads.Add(new EvidenceUpload(file.FileName, buffer.AsMemory(0, read)));
        }

        return uploads;
    }
}
