using Xunit;

// libtorch's default random generator and the live-tensor count are process-wide: tests that
// seed and draw, or count tensors, would race if classes ran in parallel. Serial runs keep the
// suite deterministic; it takes well under a minute either way.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
