using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using Credence.App.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Credence.Api.Tests;

/// <summary>
/// A write tells only the grains that are active, a silo at a time: a batch wakes no grain for the subjects
/// nobody asked about, a warm grain still forgets before the write is acknowledged, and a silo that may hold
/// grains but does not answer fails the write's acknowledgement.
/// </summary>
public sealed class SubjectForgettingTests
{
    private const string Ticket = "rail.g-train.ticket";

    private static readonly SiloAddress Here = SiloAddress.New(IPAddress.Loopback, 11111, 1);
    private static readonly SiloAddress There = SiloAddress.New(IPAddress.Loopback, 11112, 1);

    [Fact]
    public async Task A_batch_touching_many_subjects_wakes_no_grain_yet_a_warm_grain_answers_with_its_record()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: [Ticket], purpose: "tickets");
        var active = host.Server.App.Services.GetRequiredService<ActiveSubjects>();

        // Bob's grain is warm (it holds his empty file); nobody asked about anyone else.
        Assert.Equal("allowed", await OutcomeAsync(host, rail, ApiHost.Bob));
        Assert.True(active.IsActive(ApiHost.Bob));
        var activations = active.Activations;

        // A batch of 300 lines: 299 subjects never asked about, and Bob.
        var subjects = Enumerable.Range(1, 299).Select(Identifier).Append(ApiHost.Bob).ToList();
        var ndjson = string.Join("\n", subjects.Select((s, n) => JsonSerializer.Serialize(Defaulter(s, "B-" + n))));
        var batch = await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text(ndjson + "\n", "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(300, (await ApiHost.Json(batch)).GetProperty("accepted").GetInt32());

        // No grain woke to be told; Bob's still holds a file, now stale: his next decision has the record.
        Assert.Equal(activations, active.Activations);
        Assert.Equal(1, active.Count);
        Assert.All(subjects.SkipLast(1), s => Assert.False(active.IsActive(s)));
        Assert.Equal("denied", await OutcomeAsync(host, rail, ApiHost.Bob));

        // A subject of the batch asked about now wakes its grain, which reads the file with the record.
        Assert.Equal("denied", await OutcomeAsync(host, rail, subjects[0]));
        Assert.Equal(activations + 1, active.Activations);
    }

    [Fact]
    public void Marking_touches_only_the_active_subjects_and_each_activation_sees_the_generation_move()
    {
        var active = new ActiveSubjects();
        var bob = active.Enter(ApiHost.Bob);
        var before = bob.Value;
        active.Forget([ApiHost.Alice, "nobody"]);
        Assert.Equal(before, bob.Value);
        active.Forget([ApiHost.Alice, ApiHost.Bob]);
        Assert.Equal(before + 1, bob.Value);

        // Two activations of one subject on one silo (one leaving as the other comes) watch one generation.
        var second = active.Enter(ApiHost.Bob);
        Assert.Same(bob, second);
        active.Leave(ApiHost.Bob, bob);
        Assert.True(active.IsActive(ApiHost.Bob));
        active.Forget([ApiHost.Bob]);
        Assert.Equal(before + 2, second.Value);
        active.Leave(ApiHost.Bob, second);
        Assert.False(active.IsActive(ApiHost.Bob));
        Assert.Equal(0, active.Count);
        Assert.Equal(2, active.Activations);
    }

    [Fact]
    public async Task One_silo_tells_nobody_else_and_another_silo_is_told_once_with_the_whole_batch()
    {
        var told = new List<(SiloAddress Silo, string[] Subjects)>();
        var alone = new SubjectForgetting(new ActiveSubjects(), () => Snapshot((Here, SiloStatus.Active)), Here, (s, b) => { told.Add((s, b)); return Task.CompletedTask; });
        await alone.ForgetAsync([ApiHost.Bob, ApiHost.Alice]);
        Assert.Empty(told);

        // Two silos, and others that hold no grain (joining, dead): the other active silo once, with every subject.
        var cluster = new SubjectForgetting(new ActiveSubjects(), () => Snapshot((Here, SiloStatus.Active), (There, SiloStatus.Active), (SiloAddress.New(IPAddress.Loopback, 11113, 1), SiloStatus.Joining), (SiloAddress.New(IPAddress.Loopback, 11114, 1), SiloStatus.Dead)), Here, (s, b) => { told.Add((s, b)); return Task.CompletedTask; });
        var subjects = Enumerable.Range(1, 1000).Select(Identifier).ToList();
        await cluster.ForgetAsync(subjects);
        var only = Assert.Single(told);
        Assert.Equal(There, only.Silo);
        Assert.Equal(subjects, only.Subjects);

        // A silo shutting down may still hold grains: it is told too.
        told.Clear();
        var leaving = new SubjectForgetting(new ActiveSubjects(), () => Snapshot((Here, SiloStatus.Active), (There, SiloStatus.ShuttingDown)), Here, (s, b) => { told.Add((s, b)); return Task.CompletedTask; });
        await leaving.ForgetAsync([ApiHost.Bob]);
        Assert.Equal(There, Assert.Single(told).Silo);
    }

    [Theory]
    [InlineData(SiloStatus.Active)]
    [InlineData(SiloStatus.ShuttingDown)]
    [InlineData(SiloStatus.Stopping)]
    public async Task A_silo_that_may_hold_grains_and_does_not_answer_fails_the_telling(SiloStatus status)
    {
        var forgetting = new SubjectForgetting(new ActiveSubjects(), () => Snapshot((Here, SiloStatus.Active), (There, status)), Here, (_, _) => throw new TimeoutException("no answer"), patience: TimeSpan.Zero);
        await Assert.ThrowsAsync<TimeoutException>(() => forgetting.ForgetAsync([ApiHost.Bob]));

        // It fails the write's acknowledgement through the registry's seam too.
        var changes = new Credence.Registry.Subjects.SubjectChanges();
        changes.Listen((subjects, _) => forgetting.ForgetAsync(subjects));
        await Assert.ThrowsAsync<TimeoutException>(() => changes.ChangedAsync(ApiHost.Bob));
    }

    [Fact]
    public async Task A_silo_declared_dead_while_being_told_is_skipped_for_its_grains_are_gone()
    {
        var dead = false;
        var forgetting = new SubjectForgetting(new ActiveSubjects(), () => Snapshot((Here, SiloStatus.Active), (There, dead ? SiloStatus.Dead : SiloStatus.Active)), Here, (_, _) =>
        {
            dead = true;
            throw new TimeoutException("no answer");
        });
        await forgetting.ForgetAsync([ApiHost.Bob]);
        Assert.True(dead);
    }

    [Fact]
    public async Task A_silo_that_does_not_answer_is_asked_again_until_it_answers_or_is_declared_dead()
    {
        // Answers at the third attempt: the write waits, and is not refused.
        var attempts = 0;
        var slow = new SubjectForgetting(new ActiveSubjects(), () => Snapshot((Here, SiloStatus.Active), (There, SiloStatus.Active)), Here, (_, _) =>
            ++attempts < 3 ? throw new TimeoutException("no answer") : Task.CompletedTask);
        await slow.ForgetAsync([ApiHost.Bob]);
        Assert.Equal(3, attempts);

        // Killed: refuses every attempt until its peers vote it dead at the fourth; then it is skipped.
        var refused = 0;
        var killed = new SubjectForgetting(new ActiveSubjects(), () => Snapshot((Here, SiloStatus.Active), (There, refused >= 4 ? SiloStatus.Dead : SiloStatus.Active)), Here, (_, _) =>
        {
            refused++;
            throw new InvalidOperationException("connection refused");
        });
        await killed.ForgetAsync([ApiHost.Bob]);
        Assert.Equal(4, refused);

        // Never answering and never declared dead: the write fails once its patience is out.
        var never = new SubjectForgetting(new ActiveSubjects(), () => Snapshot((Here, SiloStatus.Active), (There, SiloStatus.Active)), Here, (_, _) => throw new TimeoutException("no answer"), patience: TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<TimeoutException>(() => never.ForgetAsync([ApiHost.Bob]));
    }

    [Theory]
    [InlineData(SiloStatus.None)]
    [InlineData(SiloStatus.Created)]
    [InlineData(SiloStatus.Joining)]
    [InlineData(SiloStatus.Dead)]
    public async Task A_silo_not_yet_or_no_longer_in_the_cluster_fails_the_telling_and_marks_nothing(SiloStatus status)
    {
        var active = new ActiveSubjects();
        var bob = active.Enter(ApiHost.Bob);
        var forgetting = new SubjectForgetting(active, () => Snapshot((Here, status), (There, SiloStatus.Active)), Here, (_, _) => Task.CompletedTask);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => forgetting.ForgetAsync([ApiHost.Bob]));
        Assert.Contains(Here.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, bob.Value);
    }

    private static ClusterMembershipSnapshot Snapshot(params (SiloAddress Silo, SiloStatus Status)[] members) =>
        new(members.ToImmutableDictionary(m => m.Silo, m => new ClusterMember(m.Silo, m.Status, m.Silo.ToString())), new MembershipVersion(members.Length));

    /// <summary>A valid resident identifier (born in January 1990 in Beijing), the <paramref name="n"/>th (below 28,000).</summary>
    private static string Identifier(int n)
    {
        var body = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"110105199001{1 + (n / 1000):D2}{n % 1000:D3}");
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    private static object Defaulter(string subject, string id) =>
        new { subject, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id, version = 1 };

    private static async Task<string> OutcomeAsync(ApiHost host, string key, string subject)
    {
        var response = await host.PostAsync("/v1/decisions", key, new { subject, measure = Ticket });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiHost.Json(response)).GetProperty("outcome").GetString()!;
    }
}
