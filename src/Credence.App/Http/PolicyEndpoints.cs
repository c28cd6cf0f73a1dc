using System.Globalization;
using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Access;
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
            var text = await ApiBodies.PolicyAsync(context, options);
            var policy = text.IsOk ? await registry.Policies.ValidateAsync(context.Caller(), text.Value, "policy.yaml", context.RequestAborted) : Outcome.Fail<Core.Policies.Policy>(text.Problem!);
            return policy.IsOk
                ? ApiResults.Json(PolicyValidationDocument.From(policy.Value))
                : ApiProblems.Result(context, policy);
        })
        .WithTextBody("application/yaml", "text/yaml")
        .Operation("validatePolicy", "Validate a policy", "Validates a policy (YAML body) against the language, the promises and its jurisdiction profile without storing it; a refusal lists every problem with its line and column.", 422)
        .Allow("policy.validate", Role.Operator)
        .Produces<PolicyValidationDocument>();

        group.MapPost("/", async (HttpContext context, CredenceRegistry registry) =>
        {
            var text = await ApiBodies.PolicyAsync(context, options);
            var upload = text.IsOk ? await registry.Policies.UploadAsync(context.Caller(), text.Value, "policy.yaml", context.RequestAborted) : Outcome.Fail<PolicyUpload>(text.Problem!);
            return upload.IsOk
                ? ApiResults.Json(PolicyDocument.From(upload.Value.Policy, upload.Value.Created), upload.Value.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK)
                : ApiProblems.Result(context, upload);
        })
        .WithTextBody("application/yaml", "text/yaml")
        .Operation("uploadPolicy", "Upload a policy", "Uploads a policy (YAML body): 201 when stored, 200 when the same version was stored before; refused with every problem listed.", 409, 422)
        .Allow("policy.upload", Role.Operator)
        .Produces<PolicyDocument>(StatusCodes.Status201Created)
        .Produces<PolicyDocument>();

        group.MapPost("/{tag}/activations", async (HttpContext context, CredenceRegistry registry, string tag) =>
        {
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
                if (Core.Records.InstantText.Parse(at) is not { } parsed)
                {
                    return ApiProblems.Result(context, new RegistryProblem(ProblemTypes.BadInstant, $"effectiveFrom '{at}' is not an ISO 8601 instant with an offset", "effectiveFrom"));
                }

                from = parsed;
            }

            var activation = await registry.Policies.ActivateAsync(context.Caller(), tag, from, context.RequestAborted);
            return activation.IsOk ? ApiResults.Json(activation.Value, StatusCodes.Status201Created) : ApiProblems.Result(context, activation);
        })
        .WithJsonBody<ActivationRequest>(required: false)
        .Operation("activatePolicy", "Activate a policy", "Activates a stored policy version (`tag`) from an instant (`effectiveFrom`; now by default, never in the past).", 404, 409, 422)
        .Allow("policy.activate", Role.Operator)
        .Produces<PolicyActivation>(StatusCodes.Status201Created);

        group.MapGet("/", async (HttpContext context, CredenceRegistry registry) =>
        {
            var list = await registry.Policies.ListAsync(context.Caller(), context.RequestAborted);
            return list.IsOk
                ? ApiResults.Json(list.Value.Select(p => PolicyDocument.From(p.Policy, activeNow: p.ActiveNow, activations: p.Activations)).ToList())
                : ApiProblems.Result(context, list);
        })
        .Operation("listPolicies", "Stored policies", "Stored policies with their activations.")
        .Allow("policy.list", Role.Operator, Role.Auditor)
        .Produces<List<PolicyDocument>>();
    }
}
