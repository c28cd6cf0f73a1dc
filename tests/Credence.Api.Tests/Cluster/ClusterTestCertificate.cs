using Credence.App.Http;

namespace Credence.Api.Tests.Cluster;

/// <summary>The cluster certificate every in-process <c>--cluster</c> registry of this test run presents: one per test process, not one per test.</summary>
internal static class ClusterTestCertificate
{
    public static ClusterCertificate Shared { get; } =
        ClusterCertificate.Of(ClusterCertificate.Make("CN=credence api tests", DateTimeOffset.UtcNow, TimeSpan.FromDays(2)));
}
