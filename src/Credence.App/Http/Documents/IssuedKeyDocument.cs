using Credence.Registry.Principals;

namespace Credence.App.Http.Documents;

/// <summary>A new key: the only time its value is shown.</summary>
internal sealed record IssuedKeyDocument(PrincipalDocument Principal, long KeyId, string Key, DateTimeOffset CreatedAt, string Note)
{
    public static IssuedKeyDocument From(IssuedKey k) =>
        new(PrincipalDocument.From(k.Principal), k.KeyId, k.Key, k.CreatedAt, "the key is shown once; the registry keeps only its hash. Send it as Authorization: Bearer <key>");
}
