// Each test class starts its own silos (three processes of about 150 MiB each) on a 2-core machine:
// one class at a time keeps memory and timings predictable, and the project's run inside its budget.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
