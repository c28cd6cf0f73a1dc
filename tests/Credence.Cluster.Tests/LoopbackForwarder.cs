using System.Net;
using System.Net.Sockets;

namespace Credence.Cluster.Tests;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of the PostgreSQL server, that the test cuts and restores: cut,
/// every connection through it is closed and each new one is closed as soon as it is accepted (the
/// database is gone, as far as its clients can tell); restored, connections go through again. Only
/// loopback addresses are involved.
/// </summary>
internal sealed class LoopbackForwarder : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint target;
    private readonly HashSet<TcpClient> open = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private volatile bool cut;

    public LoopbackForwarder(string host, int port)
    {
        var address = host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"the forwarder only forwards to a loopback address, not {host}", nameof(host));
        }

        target = new IPEndPoint(address, port);
        listener.Start();
        accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far (each one a client's connection to the database).</summary>
    public int Accepted { get; private set; }

    /// <summary>Cuts the database off: every open connection closed, new ones closed at once.</summary>
    public void Cut()
    {
        cut = true;
        List<TcpClient> closing;
        lock (open)
        {
            closing = [.. open];
            open.Clear();
        }

        foreach (var client in closing)
        {
            client.Dispose();
        }
    }

    /// <summary>Lets connections through again.</summary>
    public void Restore() => cut = false;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Accepted++;
            if (cut)
            {
                client.Dispose();
                continue;
            }

            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient();
        lock (open)
        {
            open.Add(client);
            open.Add(server);
        }

        try
        {
            await server.ConnectAsync(target, stopping.Token);
            if (cut)
            {
                return;
            }

            var up = client.GetStream().CopyToAsync(server.GetStream(), stopping.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), stopping.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // Cut, or either end closed: both ends are closed below.
        }
        finally
        {
            lock (open)
            {
                open.Remove(client);
                open.Remove(server);
            }

            client.Dispose();
            server.Dispose();
        }
    }
}
