using System.Runtime.InteropServices;

namespace Credence.App.Demo;

/// <summary>Gives memory the process freed back to the operating system (after the demo's build, before it serves).</summary>
/// <remarks>
/// Implementation note: SQLite's page caches and the mapped file of the demo's store are freed when
/// that store closes, but glibc keeps freed heap pages in its arenas; <c>malloc_trim</c> returns them,
/// so the registry serves at its own size rather than at the build's. Elsewhere than on glibc it does nothing.
/// </remarks>
internal static class NativeMemory
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = NativeMethods.malloc_trim(0);
        }
        catch (DllNotFoundException)
        {
            // Not glibc (musl, for one): nothing to trim this way.
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        [return: MarshalAs(UnmanagedType.I4)]
        public static extern int malloc_trim(nuint pad);
    }
}
