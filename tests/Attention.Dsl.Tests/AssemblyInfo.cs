using Xunit;

// libtorch's default random generator is process-wide: tests that seed and then build a network
// would race if classes ran in parallel. The suite is small; serial runs keep it deterministic.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
