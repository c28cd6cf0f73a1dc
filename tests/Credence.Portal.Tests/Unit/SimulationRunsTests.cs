using Credence.Portal.Simulations;
using Credence.Registry;
using Credence.Registry.Simulation;

namespace Credence.Portal.Tests.Unit;

/// <summary>
/// The portal's following of a simulation it started: progress as the use case reports it, the
/// moment the asking request may leave (the first chunk with more to score, or the end), a refusal
/// or a failure kept as a problem, and a run shown only to the principal who started it.
/// </summary>
public sealed class SimulationRunsTests
{
    [Fact]
    public async Task A_run_reports_progress_and_starts_once_a_chunk_leaves_more_to_score()
    {
        var runs = new SimulationRuns(CancellationToken.None);
        var release = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        var run = runs.Start("op-1", "p@1", async (progress, _) =>
        {
            progress.Report((4096, 10000));
            await release.Task;
            progress.Report((8192, 10000));
            await second.Task;
            return new RegistryProblem(ProblemTypes.NotFound, "gone");
        });

        await run.Started;
        Assert.Equal((4096, 10000), run.Progress);
        Assert.False(run.Finished.IsCompleted);
        var change = run.NextChangeAsync();
        Assert.False(change.IsCompleted);
        release.SetResult();
        await change;
        Assert.Equal((8192, 10000), run.Progress);
        second.SetResult();
        await run.Finished;
        Assert.Equal(ProblemTypes.NotFound, run.Problem!.Type);
        Assert.Null(run.ReportId);
        Assert.True(run.NextChangeAsync().IsCompleted);
    }

    [Fact]
    public async Task A_run_scored_whole_in_one_chunk_does_not_start_before_it_finishes()
    {
        var runs = new SimulationRuns(CancellationToken.None);
        var release = new TaskCompletionSource();
        var reported = new TaskCompletionSource();
        var run = runs.Start("op-1", "p@1", async (progress, _) =>
        {
            progress.Report((2000, 2000));
            reported.SetResult();
            await release.Task;
            return new RegistryProblem(ProblemTypes.Forbidden, "no");
        });

        await reported.Task;
        Assert.False(run.Started.IsCompleted);
        release.SetResult();
        await run.Started;
        Assert.True(run.Finished.IsCompleted);
        Assert.Equal(ProblemTypes.Forbidden, run.Problem!.Type);
    }

    [Fact]
    public async Task A_refusal_before_any_scoring_starts_and_finishes_the_run()
    {
        var runs = new SimulationRuns(CancellationToken.None);
        var run = runs.Start("auditor", "p@1", (_, _) => Task.FromResult<Outcome<SimulationRun>>(new RegistryProblem(ProblemTypes.Forbidden, "operators only")));
        await run.Started;
        await run.Finished;
        Assert.Equal(ProblemTypes.Forbidden, run.Problem!.Type);
    }

    [Fact]
    public async Task A_run_that_throws_is_a_failure_on_its_page_not_a_lost_exception()
    {
        var runs = new SimulationRuns(CancellationToken.None);
        var run = runs.Start("op-1", "p@1", (_, _) => throw new InvalidOperationException("disk gone"));
        await run.Finished;
        Assert.Equal(SimulationRunState.Failed, run.Problem!.Type);
        Assert.Contains("disk gone", run.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_cut_short_by_the_host_stopping_says_so()
    {
        using var stop = new CancellationTokenSource();
        var runs = new SimulationRuns(stop.Token);
        var run = runs.Start("op-1", "p@1", async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new RegistryProblem(ProblemTypes.NotFound, "unreachable");
        });
        await stop.CancelAsync();
        await run.Finished;
        Assert.Equal(SimulationRunState.Stopped, run.Problem!.Type);
    }

    [Theory]
    [InlineData("op-2")]
    [InlineData("OP-1")]
    [InlineData("op-1 ")]
    [InlineData("")]
    public async Task A_run_is_found_by_the_principal_who_started_it_only(string other)
    {
        var runs = new SimulationRuns(CancellationToken.None);
        var run = runs.Start("op-1", "p@1", (_, _) => Task.FromResult<Outcome<SimulationRun>>(new RegistryProblem(ProblemTypes.NotFound, "x")));
        await run.Finished;
        Assert.Same(run, runs.Find(run.Id, "op-1"));
        Assert.Null(runs.Find(run.Id, other));
        Assert.Null(runs.Find(run.Id.ToUpperInvariant(), "op-1"));
        Assert.Null(runs.Find(string.Empty, "op-1"));
    }

    [Fact]
    public async Task Finished_runs_are_forgotten_oldest_first_beyond_the_kept_number_but_a_running_one_is_kept()
    {
        var runs = new SimulationRuns(CancellationToken.None);
        var hold = new TaskCompletionSource();
        var running = runs.Start("op-1", "p@1", async (_, _) =>
        {
            await hold.Task;
            return new RegistryProblem(ProblemTypes.NotFound, "x");
        });
        var finished = new List<SimulationRunState>();
        for (var i = 0; i < SimulationRuns.Kept + 5; i++)
        {
            var run = runs.Start("op-1", "p@1", (_, _) => Task.FromResult<Outcome<SimulationRun>>(new RegistryProblem(ProblemTypes.NotFound, "x")));
            await run.Finished;
            finished.Add(run);
        }

        Assert.Same(running, runs.Find(running.Id, "op-1"));
        Assert.Null(runs.Find(finished[0].Id, "op-1"));
        Assert.Same(finished[^1], runs.Find(finished[^1].Id, "op-1"));
        hold.SetResult();
        await running.Finished;
    }
}
