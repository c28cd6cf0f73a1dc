using System.Net;
using System.Net.Sockets;
using Credence.Registry.Storage;
using Orleans;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Credence.App.Http;

/// <summary>
/// Puts an Orleans silo in the registry's generic host, beside Kestrel (<see cref="SiloOptions"/>): a lone
/// silo with localhost clustering, or a member of the cluster whose membership table is kept in the
/// shared PostgreSQL store (<see cref="StoreChoice.OpenMembership"/>; see docs/cluster.md for why). Its silo
/// port, and a gateway if one is asked for, speak mutual TLS only: a peer must present the cluster's
/// certificate (<see cref="ClusterCertificate"/>), since a grain takes its caller's principal as data.
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
        var clock = options.Clock ?? TimeProvider.System;
        var certificate = silo.Certificate ?? ClusterCertificate.Ephemeral(clock.GetUtcNow());
        builder.UseOrleans(orleans =>
        {
            UseMutualTls(orleans, certificate, clock);
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
    public static string? Problem(SiloOptions silo, StoreChoice store)
    {
        if (silo.Problem() is { } problem)
        {
            return problem;
        }

        if (silo.Cluster && !store.IsShared)
        {
            return $"--cluster needs --store {StoreChoice.Postgres}: a cluster's silos share one store, and a {store.Kind} registry belongs to one process";
        }

        return silo.Cluster && silo.Certificate is null
            ? "--cluster needs --cluster-certificate FILE: a silo talks only to peers that prove they hold the cluster's key (make one with credence cluster certificate)"
            : null;
    }

    /// <summary>
    /// Every connection to or from this silo (silo to silo, client to gateway) is TLS in which both ends present a
    /// certificate, and each accepts the other only if <paramref name="certificate"/> accepts it at the instant of the handshake.
    /// </summary>
    private static void UseMutualTls(ISiloBuilder orleans, ClusterCertificate certificate, TimeProvider clock) =>
        orleans.UseTls(certificate.Certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;

            // Implementation note: with a validation callback Orleans does not ask the chain's verdict (a self-signed
            // certificate is in no trust store); the pin and the dates are all that is checked, here.
            tls.RemoteCertificateValidation = (peer, _, _) => certificate.Accepts(peer, clock.GetUtcNow());
        });

    /// <summary>A loopback port nothing listens on now (the operating system's choice for port 0).</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
