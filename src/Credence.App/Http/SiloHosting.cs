using System.Net;
using System.Net.Sockets;
using Credence.Registry.Storage;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Credence.App.Http;

/// <summary>
/// Puts an Orleans silo in the registry's generic host, beside Kestrel (<see cref="SiloOptions"/>): a lone
/// silo with localhost clustering, or a member of the cluster whose membership table is kept in the
/// shared PostgreSQL store (<see cref="StoreChoice.OpenMembership"/>; see docs/cluster.md for why).
/// </summary>
internal static class SiloHosting
{
    /// <summary>The meter Orleans' runtime emits its metrics on.</summary>
    public const string Meter = "Microsoft.Orleans";

    public static void Add(WebApplicationBuilder builder, RegistryServerOptions options)
    {
        var silo = options.Silo;
        var store = options.Choice;
        if (Problem(silo, store) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        // Orleans is chatty at Information (every start, stop and membership view); warnings and errors are what an operator reads.
        builder.Logging.AddFilter("Orleans", Microsoft.Extensions.Logging.LogLevel.Warning);

        // Orleans places grains through a Polly pipeline that logs every attempt at Information.
        builder.Logging.AddFilter("Polly", Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.UseOrleans(orleans =>
        {
            var siloPort = silo.EffectiveSiloPort ?? FreeLoopbackPort();
            if (silo.Cluster)
            {
                orleans.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = silo.ClusterId;
                    o.ServiceId = silo.ServiceId;
                });
                orleans.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = silo.AdvertisedAddress;
                    o.SiloPort = siloPort;
                    o.GatewayPort = silo.EffectiveGatewayPort;
                });
                orleans.Services.AddSingleton(_ => store.OpenMembership(silo.ClusterId, TimeProvider.System));
            }
            else
            {
                orleans.UseLocalhostClustering(siloPort, silo.EffectiveGatewayPort, null, silo.ServiceId, silo.ClusterId);
            }

            Grains.SubjectGrains.Add(orleans, builder.Configuration);
        });
    }

    /// <summary>The one-line reason a silo so configured cannot be hosted over <paramref name="store"/>, or null.</summary>
    public static string? Problem(SiloOptions silo, StoreChoice store) =>
        silo.Problem() ?? (silo.Cluster && !store.IsShared
            ? $"--cluster needs --store {StoreChoice.Postgres}: a cluster's silos share one store, and a {store.Kind} registry belongs to one process"
            : null);

    /// <summary>A loopback port nothing listens on now (the operating system's choice for port 0).</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
