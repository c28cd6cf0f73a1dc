using System.Net;
using System.Net.Sockets;

namespace Credence.App.Http;

/// <summary>Who a client is for the abuse limits: its network address (an IPv6 client by its /64 network).</summary>
/// <remarks>
/// Implementation note: the address of the connection, not a header a client writes itself; behind
/// a reverse proxy every request comes from the proxy, which should then apply the limits itself
/// (or the registry be given the forwarded address). An IPv6 host usually holds a whole /64, so a
/// client cannot escape its limit by rotating addresses inside it.
/// </remarks>
internal static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }
}
