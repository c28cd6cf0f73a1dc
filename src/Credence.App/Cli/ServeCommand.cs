using System.CommandLine;
using Credence.App.Http;
using Microsoft.Extensions.Logging;

namespace Credence.App.Cli;

/// <summary><c>credence serve</c>: the registry's HTTP API on Kestrel (loopback by default).</summary>
internal static class ServeCommand
{
    public static Command Create(TimeProvider clock)
    {
        var store = StoreOptions.WithDefault("SQLite database file (created and migrated if needed)", "credence.db");
        var urls = new Option<string>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5080", DefaultValueFactory = _ => RegistryServerOptions.DefaultUrls };
        var plain = new Option<bool>("--plain-logs") { Description = "Readable one-line logs instead of JSON" };
        var ledgerKey = new Option<string?>("--ledger-key") { Description = "The checkpoint signing key file (credence ledger keygen --out); default <db>.ledger.key (PostgreSQL: <database>.ledger.key here), created at first start when missing" };
        var interval = new Option<int>("--checkpoint-interval") { Description = "Seconds between the ledger checkpoints the registry signs when the ledger grew (receipts and tiles wait for the next one; one more at a graceful stop)", DefaultValueFactory = _ => 10 };
        var cluster = new Option<bool>("--cluster") { Description = "Join the Orleans cluster of the registries that share this PostgreSQL store (--store postgres; --cluster-certificate required); without it the registry's silo is alone" };
        var siloPort = new Option<int?>("--silo-port") { Description = $"The silo-to-silo port (default: {SiloOptions.ClusterSiloPort} with --cluster, else a free loopback port)" };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = $"Open an Orleans gateway on this port for tooling (default: none; the HTTP API is the registry's door); it speaks mutual TLS with the cluster certificate like the silo port" };
        var certificate = new Option<string?>("--cluster-certificate") { Description = $"The cluster's certificate with its private key (PKCS#12/PFX, or PEM with certificate and key; password from {ClusterCertificate.PasswordVariable}), presented by every silo; a silo talks only to peers presenting the same public key. Required with --cluster (credence cluster certificate makes one)" };
        var clusterId = new Option<string>("--cluster-id") { Description = "The cluster's id: the registries with the same id on the same store are one cluster", DefaultValueFactory = _ => SiloOptions.DefaultId };
        var serviceId = new Option<string>("--service-id") { Description = "The service's id, the same across the cluster's deployments", DefaultValueFactory = _ => SiloOptions.DefaultId };
        var advertise = new Option<string>("--advertise") { Description = "The IP address the other silos reach this one at (with --cluster)", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("serve", "Serve the registry's HTTP API, with the OpenAPI document at /openapi/v1.json and its UI at /docs, beside the registry's Orleans silo")
        {
            urls, plain, ledgerKey, interval, cluster, siloPort, gatewayPort, clusterId, serviceId, advertise, certificate,
        };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(interval) is < 1 or > 86_400)
            {
                await Console.Error.WriteLineAsync("--checkpoint-interval: seconds from 1 to 86400");
                return ExitCodes.Invalid;
            }

            var (choice, error) = store.Resolve(parse);
            if (choice is null)
            {
                await Console.Error.WriteLineAsync($"serve: {error}");
                return ExitCodes.Invalid;
            }

            if (!System.Net.IPAddress.TryParse(parse.GetValue(advertise), out var address))
            {
                await Console.Error.WriteLineAsync($"serve: --advertise: '{parse.GetValue(advertise)}' is not an IP address");
                return ExitCodes.Invalid;
            }

            ClusterCertificate? pinned = null;
            if (parse.GetValue(certificate) is { } certificateFile)
            {
                var (loaded, refused) = ClusterCertificate.Load(certificateFile, ClusterCommand.Password(), clock.GetUtcNow());
                if (loaded is null)
                {
                    await Console.Error.WriteLineAsync($"serve: {refused}");
                    return ExitCodes.Invalid;
                }

                pinned = loaded;
            }

            var silo = new SiloOptions
            {
                Certificate = pinned,
                Cluster = parse.GetValue(cluster),
                SiloPort = parse.GetValue(siloPort),
                GatewayPort = parse.GetValue(gatewayPort),
                ClusterId = parse.GetValue(clusterId)!,
                ServiceId = parse.GetValue(serviceId)!,
                AdvertisedAddress = address,
            };
            if (SiloHosting.Problem(silo, choice) is { } problem)
            {
                await Console.Error.WriteLineAsync($"serve: {problem}");
                return ExitCodes.Invalid;
            }

            var options = new RegistryServerOptions(choice.IsFile ? choice.Target : "credence.db", parse.GetValue(urls)!, clock, LogLevel.Information, JsonLogs: !parse.GetValue(plain))
            {
                Store = choice,
                LedgerKeyPath = parse.GetValue(ledgerKey),
                CheckpointInterval = TimeSpan.FromSeconds(parse.GetValue(interval)),
                Silo = silo,
            };
            try
            {
                await RegistryServer.RunAsync(options, cancellationToken);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"serve: {e.Message}");
                return ExitCodes.Invalid;
            }
            catch (Credence.Registry.Storage.StoreUnavailableException e)
            {
                await Console.Error.WriteLineAsync($"serve: {e.Message}");
                return ExitCodes.Invalid;
            }
        });
        return command;
    }
}
