using System.Net;
using System.Net.Sockets;
using Credence.App.Grains;
using Credence.Core.Identifiers;
using Credence.Core.Intake;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Principals;
using Credence.Registry.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Credence.App.Tests.Grains;

/// <summary>
/// One registry on a fresh SQLite file with the persons' policy active, a court and a railway, served by one
/// in-process silo whose subject grains are configured as <c>credence serve</c> configures them
/// (<see cref="SubjectGrains.Add"/>), with the budget given.
/// </summary>
internal sealed class BudgetSilo : IAsyncDisposable
{
    public const string Ticket = "rail.g-train.ticket";

    private readonly string folder;

    private BudgetSilo(string folder, CredenceRegistry registry, IHost host, Principal court, Principal rail)
    {
        this.folder = folder;
        Registry = registry;
        Host = host;
        Court = court;
        Rail = rail;
    }

    public CredenceRegistry Registry { get; }

    public IHost Host { get; }

    public Principal Court { get; }

    public Principal Rail { get; }

    public ActiveSubjects Active => Host.Services.GetRequiredService<ActiveSubjects>();

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BudgetSilo> StartAsync(string? budget)
    {
        var folder = Path.Combine(Path.GetTempPath(), "credence-budget-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var registry = CredenceRegistry.Open(StoreChoice.File(Path.Combine(folder, "registry.db")), TimeProvider.System);
        var op = Principal.LocalOperator("budget-operator");
        var text = await File.ReadAllTextAsync(Cli.Path("policies", "rongcheng-persons.yaml"));
        var upload = (await registry.Policies.UploadAsync(op, text, "rongcheng-persons.yaml")).GetValueOrThrow();
        var report = (await registry.Simulations.SimulateStoredAsync(op, upload.Policy.Tag, null, null)).GetValueOrThrow();
        (await registry.Simulations.SignOffAsync(Principal.LocalOperator("budget-second-operator"), upload.Policy.Tag, report.Digest)).GetValueOrThrow();
        (await registry.Policies.ActivateAsync(op, upload.Policy.Tag)).GetValueOrThrow();
        var court = (await registry.Principals.CreateKeyAsync(op, new PrincipalRegistration(Role.Source, "intermediate-court", RecordTypes: ["judgment-defaulter"]))).GetValueOrThrow().Principal;
        var rail = (await registry.Principals.CreateKeyAsync(op, new PrincipalRegistration(Role.RelyingParty, "rail", Capabilities: [Ticket], Purpose: "tickets"))).GetValueOrThrow().Principal;

        try
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(budget is null ? [] : [new(SubjectGrains.BudgetKey, budget)]);
            builder.Services.AddSingleton(registry);
            builder.UseOrleans(orleans =>
            {
                orleans.UseLocalhostClustering(FreePort(), FreePort(), null, "budget-" + Guid.NewGuid().ToString("N")[..8], "budget");
                SubjectGrains.Add(orleans, builder.Configuration);
            });
            var host = builder.Build();
            await host.StartAsync();
            return new BudgetSilo(folder, registry, host, court, rail);
        }
        catch
        {
            await registry.DisposeAsync();
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>A valid resident identity number for each <paramref name="n"/> (distinct for n below 36,500,000).</summary>
    public static string Person(int n) =>
        ResidentIdentityNumber.Create("440524", new DateOnly(1950, 1, 1).AddDays(n / 1000), n % 1000);

    public async Task<string> DecideAsync(string subject, string measure = Ticket)
    {
        var reply = await Grains.GetGrain<ISubjectGrain>(subject).Decide(DecisionAsk.Of(Rail, subject, measure));
        var outcome = reply.Outcome();
        return outcome.IsOk ? outcome.Value.Answer.ToString() : outcome.Problem.Type;
    }

    /// <summary>The court reports <paramref name="subject"/> a judgment defaulter (which denies the ticket).</summary>
    public async Task DefaulterAsync(string subject, string id, int version = 1, string? action = null) =>
        (await Registry.Intake.SubmitAsync(Court, new RecordLine(subject, "judgment-defaulter", "judicial", "2026-05-01T00:00:00Z", null, null, id, "(2026) Enforcement No. " + id, null, version, action, null))).GetValueOrThrow();

    /// <summary>The subject grains active on this silo as Orleans counts them (those deactivating included).</summary>
    public async Task<int> OrleansCountAsync()
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var local = Host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var statistics = await management.GetSimpleGrainStatistics([local]);
        return statistics.Where(s => s.GrainType.Contains(nameof(SubjectGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    /// <summary>Waits (up to a minute, never a fixed sleep) until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, what);
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Registry.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
