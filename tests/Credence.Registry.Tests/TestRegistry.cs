using Credence.Registry.Access;
using Credence.Registry.Principals;

namespace Credence.Registry.Tests;

/// <summary>
/// A registry on a real SQLite file in a temporary folder, with the sample policies active and a
/// manual clock. Disposing closes it and deletes the folder.
/// </summary>
/// <remarks>
/// Implementation note: uploading, simulating, signing off and activating the two sample policies cost more than
/// most tests' own work (the policy validator runs its regular expressions over every text), and every registry
/// with them active starts from the same rows: the first one is built so, and each registry starts from a copy of
/// its file. The clock does not move while they are activated, so the copy holds what activating them would have
/// written, random values aside (the ledger's salt, report ids), which no test compares across registries.
/// </remarks>
internal sealed class TestRegistry : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<Task<(byte[] File, byte[]? Wal)>> SamplePolicies = new(ActivateSamplePoliciesAsync);

    private TestRegistry(string folder, HoldableClock clock)
    {
        Folder = folder;
        Clock = clock;
        Registry = CredenceRegistry.Open(DatabasePath, clock);
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "registry.db");

    public HoldableClock Clock { get; }

    public CredenceRegistry Registry { get; private set; }

    public Principal Operator { get; } = Principal.LocalOperator("test-operator");

    public static async Task<TestRegistry> CreateAsync(bool policies = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "credence-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (policies)
        {
            var (file, wal) = await SamplePolicies.Value;
            var path = Path.Combine(folder, "registry.db");
            await File.WriteAllBytesAsync(path, file);
            if (wal is not null)
            {
                await File.WriteAllBytesAsync(path + "-wal", wal);
            }
        }

        return new TestRegistry(folder, new HoldableClock(Start));
    }

    /// <summary>The file (and write-ahead log, should one be left) of a closed registry with the sample policies active.</summary>
    private static async Task<(byte[] File, byte[]? Wal)> ActivateSamplePoliciesAsync()
    {
        await using var built = await CreateAsync(policies: false);
        await built.ActivateAsync("rongcheng-persons.yaml");
        await built.ActivateAsync("organisations.yaml");
        await built.Registry.DisposeAsync();
        var wal = built.DatabasePath + "-wal";
        return (await File.ReadAllBytesAsync(built.DatabasePath), File.Exists(wal) ? await File.ReadAllBytesAsync(wal) : null);
    }

    public static string PolicyText(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policies", file));

    public async Task<string> ActivateAsync(string file, string? text = null, DateTimeOffset? from = null)
    {
        var upload = await Registry.Policies.UploadAsync(Operator, text ?? PolicyText(file), file);
        var tag = upload.GetValueOrThrow().Policy.Tag;
        await Registry.SignOffAsync(tag);
        (await Registry.Policies.ActivateAsync(Operator, tag, from)).GetValueOrThrow();
        return tag;
    }

    public async Task<IssuedKey> KeyAsync(PrincipalRegistration registration) =>
        (await Registry.Principals.CreateKeyAsync(Operator, registration)).GetValueOrThrow();

    public async Task<Principal> SourceAsync(string name, params string[] types) =>
        (await KeyAsync(new PrincipalRegistration(Role.Source, name, RecordTypes: types))).Principal;

    public Task<Principal> CourtAsync() =>
        SourceAsync("intermediate-court", "judgment-defaulter", "judgment-performed", "defaulter-term-extended", "breach-of-contract-judgment");

    public async Task<Principal> RelyingPartyAsync(string name, string purpose, params string[] capabilities) =>
        (await KeyAsync(new PrincipalRegistration(Role.RelyingParty, name, Capabilities: capabilities, Purpose: purpose))).Principal;

    public async Task<Principal> RoleAsync(Role role, string name, string? subject = null) =>
        (await KeyAsync(new PrincipalRegistration(role, name, Subject: subject))).Principal;

    /// <summary>Closes the registry (draining its writer) and opens the same file again, at <paramref name="at"/> if given (time passed while it was down).</summary>
    public async Task ReopenAsync(DateTimeOffset? at = null)
    {
        await Registry.DisposeAsync();
        if (at is { } later)
        {
            Clock.SetUtcNow(later);
        }

        Registry = CredenceRegistry.Open(DatabasePath, Clock);
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
