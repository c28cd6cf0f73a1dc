using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Principals;

namespace Credence.Storage.Tests.Fixture;

/// <summary>
/// A contract class that checks a use case's guarantee: the registry's use cases over a fresh store
/// of the subclass's kind, with the sample policies active (a copy of <see cref="StoreTemplate.SamplePolicies"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The registry's one resource is the store, which the TestStore closes.")]
public abstract class RegistryContract(StoreKind kind) : StoreContract(kind)
{
    private CredenceRegistry? registry;

    /// <summary>The operator who activated the sample policies (<see cref="StoreTemplate.SamplePolicies"/>), and whom the tests act as.</summary>
    internal static Principal Operator { get; } = Principal.LocalOperator("contract-operator");

    protected CredenceRegistry Registry => registry ?? throw new InvalidOperationException("the registry is not open");

    protected override StoreTemplate Template => StoreTemplate.SamplePolicies(Kind);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        registry = new CredenceRegistry(Store, Wall);
    }

    /// <summary>Closes the store and opens it again, with a registry over it.</summary>
    protected async Task ReopenAsync()
    {
        await Test.ReopenAsync();
        registry = new CredenceRegistry(Store, Wall);
    }

    /// <summary>Opens the store again after <see cref="TestStore.CloseAsync"/>, with a registry over it.</summary>
    protected Task ReopenAfterCloseAsync()
    {
        Test.Open();
        registry = new CredenceRegistry(Store, Wall);
        return Task.CompletedTask;
    }

    protected async Task<Principal> KeyAsync(PrincipalRegistration registration) =>
        (await Registry.Principals.CreateKeyAsync(Operator, registration)).GetValueOrThrow().Principal;

    protected Task<Principal> CourtAsync(string name = "intermediate-court") =>
        KeyAsync(new PrincipalRegistration(Role.Source, name, RecordTypes: ["judgment-defaulter", "judgment-performed", "breach-of-contract-judgment"]));

    protected Task<Principal> CharityAsync(string name = "charity") =>
        KeyAsync(new PrincipalRegistration(Role.Source, name, RecordTypes: ["volunteering"]));

    protected Task<Principal> RailAsync(string name = "railway") =>
        KeyAsync(new PrincipalRegistration(Role.RelyingParty, name, Capabilities: ["rail.g-train.ticket"], Purpose: "ticket sales"));
}
