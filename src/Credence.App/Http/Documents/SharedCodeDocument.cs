using System.ComponentModel.DataAnnotations;

namespace Credence.App.Http.Documents;

/// <summary>The body a relying party posts to read a shared grade: the code the subject gave it.</summary>
internal sealed record SharedCodeDocument([property: Required] string? Code);
