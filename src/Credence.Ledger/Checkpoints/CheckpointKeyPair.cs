namespace Credence.Ledger.Checkpoints;

/// <summary>A newly generated checkpoint signing key, as text.</summary>
/// <param name="PrivateKey">"PRIVATE+KEY+&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(0x01 ‖ seed)&gt;": keep it secret.</param>
/// <param name="VerifierKey">"&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(0x01 ‖ public key)&gt;": publish it.</param>
public sealed record CheckpointKeyPair(string PrivateKey, string VerifierKey)
{
    /// <summary>Keeps the private key out of logs and debugger displays.</summary>
    public override string ToString() => $"CheckpointKeyPair {{ VerifierKey = {VerifierKey} }}";
}
