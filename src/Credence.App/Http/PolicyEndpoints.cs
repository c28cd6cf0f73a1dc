using System.Globalization;
using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Policies;

namespace Credence.App.Http;

/// <summary>Policies: validate, upload, activate from an instant, list.</summary>
internal static class PolicyEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RegistryServerOptions options)
    {
        var group = app.MapGroup("/v1/policies").WithTags("policies");

        group.MapPost("/validate", async (HttpContext context, CredenceRegistry registry) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "policy.validate");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            var text = await ApiBodies.PolicyAsync(context, options);
            var policy = text.IsOk ? await registry.Policies.ValidateAsync(who.Value, text.Value, "policy.yaml", context.RequestAborted) : Outcome.Fail<Core.Policies.Policy>(text.Problem!);
            return policy.IsOk
                ? ApiResults.Json(new { valid = true, tag = policy.Value.VersionTag, subjects = policy.Value.Subjects, recordTypes = policy.Value.RecordTypes.Length, lists = policy.Value.Lists.Length, measures = policy.Value.Measures.Length })
                : ApiProblems.Result(context, policy);
        })
        .WithTextBody("application/yaml", "text/yaml")
        .WithSummary("Validate a policy (YAML body) without storing it")
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/", async (HttpContext context, CredenceRegistry registry) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "policy.upload");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            var text = await ApiBodies.PolicyAsync(context, options);
            var upload = text.IsOk ? await registry.Policies.UploadAsync(who.Value, text.Value, "policy.yaml", context.RequestAborted) : Outcome.Fail<PolicyUpload>(text.Problem!);
            return upload.IsOk
                ? ApiResults.Json(PolicyDocument.From(upload.Value.Policy, upload.Value.Created), upload.Value.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK)
                : ApiProblems.Result(context, upload);
        })
        .WithTextBody("application/yaml", "text/yaml")
        .WithSummary("Upload a policy (YAML body); refused with every problem listed; operator only")
        .Produces<PolicyDocument>(StatusCodes.Status201Created)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{tag}/activations", async (HttpContext context, CredenceRegistry registry, string tag) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "policy.activate");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            var text = await ApiBodies.ReadTextAsync(context, options.SingleBodyLimit, ProblemTypes.MalformedJson);
            var request = !text.IsOk ? Outcome.Fail<ActivationRequest>(text.Problem!)
                : string.IsNullOrWhiteSpace(text.Value) ? new ActivationRequest(null)
                : ApiJson.Parse<ActivationRequest>(text.Value);
            if (!request.IsOk)
            {
                return ApiProblems.Result(context, request);
            }

            DateTimeOffset? from = null;
            if (request.Value.EffectiveFrom is { } at)
            {
                if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) || !(at.EndsWith('Z') || at.Length > 6 && at[^6] is '+' or '-'))
                {
                    return ApiProblems.Result(context, new RegistryProblem(ProblemTypes.BadInstant, $"effectiveFrom '{at}' is not an ISO 8601 instant with an offset", "effectiveFrom"));
                }

                from = parsed;
            }

            var activation = await registry.Policies.ActivateAsync(who.Value, tag, from, context.RequestAborted);
            return activation.IsOk ? ApiResults.Json(activation.Value, StatusCodes.Status201Created) : ApiProblems.Result(context, activation);
        })
        .WithJsonBody<ActivationRequest>(required: false)
        .WithSummary("Activate a stored policy from an instant (now by default, never in the past); operator only")
        .Produces<PolicyActivation>(StatusCodes.Status201Created);

        group.MapGet("/", async (HttpContext context, CredenceRegistry registry) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "policy.list");
            var list = who.IsOk ? await registry.Policies.ListAsync(who.Value, context.RequestAborted) : Outcome.Fail<IReadOnlyList<PolicyListing>>(who.Problem!);
            return list.IsOk
                ? ApiResults.Json(list.Value.Select(p => PolicyDocument.From(p.Policy, activeNow: p.ActiveNow, activations: p.Activations)).ToList())
                : ApiProblems.Result(context, list);
        })
        .WithSummary("Stored policies with their activations; operator and auditor")
        .Produces<List<PolicyDocument>>();
    }
}
