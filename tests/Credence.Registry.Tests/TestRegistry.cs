using Credence.Registry.Access;
using Credence.Registry.Principals;

namespace Credence.Registry.Tests;

/// <summary>
/// A registry on a real SQLite file in a temporary folder, with the sample policies active and a
/// manual clock. Disposing closes it and deletes the folder.
/// </summary>
internal sealed class TestRegistry : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

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
        var registry = new TestRegistry(folder, new HoldableClock(Start));
        if (policies)
        {
            await registry.ActivateAsync("rongcheng-persons.yaml");
            await registry.ActivateAsync("organisations.yaml");
        }

        return registry;
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
