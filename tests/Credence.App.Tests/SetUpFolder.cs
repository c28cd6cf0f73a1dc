namespace Credence.App.Tests;

/// <summary>
/// A test class's starting folder (a registry the command line built, and the files it was built from), set up
/// once for the class (a class fixture) and copied into each test's own folder.
/// </summary>
/// <remarks>
/// Implementation note: setting up a registry by the command line (keys, a simulation and its sign-off, an
/// activation, an import) cost more than most of these tests' own commands, and it writes the same rows each time:
/// the command line's clock is fixed (<see cref="Cli.Now"/>). A copy holds them, random values aside (keys, report
/// ids, the ledger's salt), which no test compares with another test's.
/// </remarks>
public abstract class SetUpFolder(Action<string> setUp) : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-app-setups", Guid.NewGuid().ToString("N"));
    private readonly Lock gate = new();
    private bool built;

    /// <summary>Copies the set-up folder's files into <paramref name="target"/> (made if missing), setting it up the first time.</summary>
    public void CopyTo(string target)
    {
        lock (gate)
        {
            if (!built)
            {
                Directory.CreateDirectory(folder);
                setUp(folder);
                built = true;
            }
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(folder))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
