using System.Net;

namespace Credence.App.Http;

/// <summary>
/// The Orleans silo that <c>credence serve</c> always hosts beside Kestrel: alone (the default, and the
/// demo), or one member of a cluster whose silos share the PostgreSQL store (<c>--cluster</c>).
/// </summary>
/// <remarks>
/// Implementation note: a lone silo takes a free loopback port for its silo-to-silo endpoint unless
/// <see cref="SiloPort"/> names one (asked of the operating system just before the silo binds it,
/// since Orleans must advertise its port before it listens and cannot take port 0), and opens no gateway
/// unless <see cref="GatewayPort"/> names one: its only client is the HTTP API in the same process. So any
/// number of lone registries (two test hosts in one run, the demo beside a server) never collide. A
/// cluster's member defaults to Orleans' silo port (<see cref="ClusterSiloPort"/>; several on one machine each
/// name their own) and opens no gateway either unless asked: the HTTP API, which authenticates every caller,
/// is the registry's only door. Every silo port and gateway speaks mutual TLS only
/// (<see cref="Certificate"/>, see <see cref="ClusterCertificate"/> and docs/cluster.md, "Who may talk to a silo").
/// </remarks>
internal sealed record SiloOptions
{
    /// <summary>Orleans' default silo-to-silo port, a cluster member's unless <c>--silo-port</c> says otherwise.</summary>
    public const int ClusterSiloPort = 11111;

    /// <summary>The default cluster and service id (<c>--cluster-id</c>, <c>--service-id</c>).</summary>
    public const string DefaultId = "credence";

    /// <summary>A lone silo on loopback (free silo port, no gateway).</summary>
    public static SiloOptions Alone { get; } = new();

    /// <summary>Join the cluster of the silos that share the PostgreSQL store (<c>--cluster</c>).</summary>
    public bool Cluster { get; init; }

    /// <summary>The silo-to-silo port; null for a free one when alone, <see cref="ClusterSiloPort"/> in a cluster.</summary>
    public int? SiloPort { get; init; }

    /// <summary>The gateway port for outside Orleans clients (tooling); null for none, alone or in a cluster.</summary>
    public int? GatewayPort { get; init; }

    /// <summary>The cluster's id: silos with the same id (and store) are one cluster; the membership table keeps each id's members apart.</summary>
    public string ClusterId { get; init; } = DefaultId;

    /// <summary>The service's id: stays the same across deployments of the cluster.</summary>
    public string ServiceId { get; init; } = DefaultId;

    /// <summary>The address this silo gives the others to reach it (<c>--advertise</c>); loopback by default, as the API's.</summary>
    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// The certificate this silo presents and pins its peers to (<c>--cluster-certificate</c>); required with
    /// <see cref="Cluster"/>. Null for a lone silo: it makes one in memory at start, so no other process can talk to it.
    /// </summary>
    public ClusterCertificate? Certificate { get; init; }

    /// <summary>The one-line reason these options cannot be served, or null.</summary>
    public string? Problem()
    {
        if (SiloPort is < 1 or > 65_535)
        {
            return "--silo-port: a port from 1 to 65535";
        }

        if (GatewayPort is < 1 or > 65_535)
        {
            return "--gateway-port: a port from 1 to 65535";
        }

        if (EffectiveSiloPort is { } silo && silo == EffectiveGatewayPort)
        {
            return $"--silo-port and --gateway-port are both {silo}: a silo listens on two ports";
        }

        foreach (var (name, value) in new[] { ("--cluster-id", ClusterId), ("--service-id", ServiceId) })
        {
            if (value.Length is 0 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return $"{name}: 1 to 64 ASCII letters, digits, '-', '_' or '.'";
            }
        }

        if (!Cluster && !IPAddress.IsLoopback(AdvertisedAddress))
        {
            return "--advertise is for --cluster: a lone silo listens on loopback only";
        }

        return null;
    }

    /// <summary>The silo port as configured (null: a free one, chosen at start).</summary>
    public int? EffectiveSiloPort => SiloPort ?? (Cluster ? ClusterSiloPort : null);

    /// <summary>The gateway port; 0 for none (Orleans then opens no gateway listener), the default alone and in a cluster.</summary>
    public int EffectiveGatewayPort => GatewayPort ?? 0;
}
