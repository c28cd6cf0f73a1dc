using System.Globalization;
using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Simulation;

using Credence.Core.Records;

namespace Credence.App.Http;

/// <summary>Policy simulations and sign-offs: the two-person rule before activation (issue 15).</summary>
internal static partial class SimulationEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RegistryServerOptions options)
    {
        var policies = app.MapGroup("/v1/policies").WithTags("policies");
        policies.MapPost("/{tag}/simulations", async (HttpContext context, CredenceRegistry registry, string tag) =>
        {
            var request = await OptionalAsync(context, options, new SimulationRequest(null, null, null));
            if (!request.IsOk)
            {
                return ApiProblems.Result(context, request);
            }

            DateTimeOffset? asOf = null;
            if (request.Value.AsOf is { } at)
            {
                if (InstantText.Parse(at) is not { } parsed)
                {
                    return ApiProblems.Result(context, new RegistryProblem(ProblemTypes.BadInstant, $"asOf '{at}' is not an ISO 8601 instant with an offset", "asOf"));
                }

                asOf = parsed;
            }

            var run = await registry.Simulations.SimulateStoredAsync(context.Caller(), tag, request.Value.Against, asOf, request.Value.Purpose, null, context.RequestAborted);
            return run.IsOk
                ? ApiResults.Json(new SimulationDocument(run.Value.Report.Id, run.Value.Digest, run.Value.Report), StatusCodes.Status201Created)
                : ApiProblems.Result(context, run);
        })
        .WithJsonBody<SimulationRequest>(required: false)
        .Operation("simulatePolicy", "Simulate a policy", "Re-scores every subject of the version's kind under the stored version (`tag`) and under the baseline (`against`, or the version in force) at `asOf` (now by default), from the records as known then, and stores the report: grade transitions, score changes, lists entered and left, measures and relying parties affected, past decisions answered differently, the record types and rules driving the change, the most changed subjects (ids masked unless a `purpose` is given, which is logged as a read of each), and the difference the draft makes to fairness (`fairness`: every cohort's rate of every adverse outcome under both policies with intervals, ratios and flags, the disparities introduced and removed and the record types that carry them, small cohorts marked, in English and Chinese). The digest names the report's canonical JSON; activation needs a sign-off of it by another operator.", 400, 404, 422)
        .Allow("policy.simulate", Role.Operator)
        .Produces<SimulationDocument>(StatusCodes.Status201Created);

        policies.MapPost("/{tag}/sign-offs", async (HttpContext context, CredenceRegistry registry, string tag) =>
        {
            var request = await OptionalAsync(context, options, new SignOffRequest(null));
            if (!request.IsOk)
            {
                return ApiProblems.Result(context, request);
            }

            if (string.IsNullOrEmpty(request.Value.Report))
            {
                return ApiProblems.Result(context, new RegistryProblem(ProblemTypes.MissingField, "report: the digest of the simulation report signed off is required", "report"));
            }

            var signOff = await registry.Simulations.SignOffAsync(context.Caller(), tag, request.Value.Report, context.RequestAborted);
            return signOff.IsOk ? ApiResults.Json(signOff.Value, StatusCodes.Status201Created) : ApiProblems.Result(context, signOff);
        })
        .WithJsonBody<SignOffRequest>(required: true)
        .Operation("signOffPolicy", "Sign a policy off", "An operator other than the version's uploader signs off the newest simulation report of the version (`report`: its digest); activation requires it. Refused as `same-person` when the uploader issued one of the signer's keys, the signer one of the uploader's, or a third operator keys of both, directly or through operators it issued keys to (whoever issues a key is shown it). Recorded in the ledger.", 400, 403, 404, 409, 422)
        .Allow("policy.sign-off", Role.Operator)
        .Produces<PolicySignOff>(StatusCodes.Status201Created);

        app.MapGroup("/v1/simulations").WithTags("policies").MapGet("/{id}", async (HttpContext context, CredenceRegistry registry, string id, string? purpose) =>
        {
            var run = await registry.Simulations.ReadAsync(context.Caller(), id, purpose, context.RequestAborted);
            return run.IsOk ? ApiResults.Json(new SimulationDocument(run.Value.Report.Id, run.Value.Digest, run.Value.Report)) : ApiProblems.Result(context, run);
        })
        .Operation("readSimulation", "A stored simulation report", "A stored simulation report by id (operators and auditors); the sampled subjects' ids are masked unless `purpose` is given, which is logged as a read of each.", 400, 404, 422)
        .Allow("simulation.read", Role.Operator, Role.Auditor)
        .Produces<SimulationDocument>();
    }

    private static async Task<Outcome<T>> OptionalAsync<T>(HttpContext context, RegistryServerOptions options, T empty)
        where T : class
    {
        var text = await ApiBodies.ReadTextAsync(context, options.SingleBodyLimit, ProblemTypes.MalformedJson);
        return !text.IsOk ? Outcome.Fail<T>(text.Problem!)
            : string.IsNullOrWhiteSpace(text.Value) ? empty
            : ApiJson.Parse<T>(text.Value);
    }
}
