using System.Text.Json;

namespace Credence.Cluster.Tests;

/// <summary>One request a test client made: to which silo, when (seconds on the test's stopwatch), and its answer (no status: the connection failed).</summary>
internal sealed record Attempt(int Client, int Round, string Kind, string Silo, double Started, double Ended, int? Status, JsonElement? Body, IReadOnlyList<string> Records, string Subject)
{
    public bool Acknowledged => Status is >= 200 and < 300;
}
