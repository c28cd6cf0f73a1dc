using Credence.Core.Simulation;

namespace Credence.App.Http.Documents;

/// <summary>A stored simulation report: its id, the digest of its canonical form (what a sign-off names) and the report.</summary>
internal sealed record SimulationDocument(string Id, string Digest, SimulationReport Report);
