using System.ComponentModel.DataAnnotations;

namespace Credence.App.Http.Documents;

/// <summary>A subject's consent to scoring: <c>{"given": true}</c> gives it, <c>{"given": false}</c> withdraws it.</summary>
internal sealed record ConsentRequest([property: Required] bool? Given);
