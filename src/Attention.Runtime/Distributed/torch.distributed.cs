using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Attention.Runtime.Distributed;
using Attention.Runtime.Native;

namespace Attention.Runtime;

public static partial class torch
{
    /// <summary>
    /// Data-parallel training over libtorch's c10d, shaped as Python's <c>torch.distributed</c>: one default process
    /// group made by <see cref="init_process_group"/> (env:// rendezvous as torchrun sets it, tcp:// or file://), the
    /// collectives <see cref="all_reduce"/>, <see cref="broadcast"/>, <see cref="all_gather"/> and
    /// <see cref="barrier"/>, and <see cref="destroy_process_group"/>. The group is c10d's own, wire-compatible with
    /// PyTorch's: a C# rank and a Python rank can share one. See docs/distributed.md.
    /// </summary>
    public static partial class distributed
    {
        private static readonly Lock gate = new();
        private static ProcessGroup? world;

        /// <summary>PyTorch's default timeout for rendezvous and collectives: 30 minutes.</summary>
        public static readonly TimeSpan default_pg_timeout = TimeSpan.FromMinutes(30);

        /// <summary>Whether the shim was built with c10d (Gloo's headers were found when it was compiled).</summary>
        public static bool is_available() => NativeMethods.shim_dist_available() != 0;

        /// <summary>Whether the gloo backend (CPU tensors) can be used.</summary>
        public static bool is_gloo_available() => is_available();

        /// <summary>Whether the nccl backend (CUDA tensors) can be used: libtorch and the shim were built with NCCL.</summary>
        public static bool is_nccl_available() => is_available() && NativeMethods.shim_dist_nccl_available() != 0;

        /// <summary>Whether <see cref="init_process_group"/> has made the default group.</summary>
        public static bool is_initialized()
        {
            lock (gate)
            {
                return world is not null;
            }
        }

        /// <summary>
        /// Makes the default process group. Every process of the group calls it; it returns once all have joined.
        /// </summary>
        /// <param name="backend">"gloo" (CPU tensors) or "nccl" (CUDA tensors, where libtorch has NCCL).</param>
        /// <param name="init_method">
        /// Where the processes meet: "env://" (the default: MASTER_ADDR, MASTER_PORT, RANK and WORLD_SIZE from the
        /// environment, as torchrun and <see cref="Launcher"/> set them), "tcp://host:port" or "file:///path".
        /// </param>
        /// <param name="world_size">How many processes; -1 takes WORLD_SIZE from the environment (env:// only).</param>
        /// <param name="rank">This process's rank; -1 takes RANK from the environment (env:// only).</param>
        /// <param name="timeout">How long rendezvous and each collective may wait (default <see cref="default_pg_timeout"/>).</param>
        /// <param name="store">A store to meet through instead of <paramref name="init_method"/>.</param>
        /// <remarks>
        /// Gloo connects on the address the host name resolves to; set <c>GLOO_SOCKET_IFNAME</c> (e.g. <c>eth0</c>, or
        /// several, comma-separated) to choose the network interfaces, as for PyTorch.
        /// </remarks>
        /// <exception cref="ArgumentException">The rendezvous settings are missing or wrong; the message says which.</exception>
        /// <exception cref="TorchException">c10d could not connect (the master is unreachable, a timeout passed).</exception>
        public static void init_process_group(string backend = "gloo", string? init_method = null, int world_size = -1,
            int rank = -1, TimeSpan? timeout = null, Store? store = null)
        {
            RequireAvailable();
            string name = Backend(backend);
            TimeSpan limit = timeout ?? default_pg_timeout;
            Timeouts.Milliseconds(limit);
            lock (gate)
            {
                if (world is not null)
                {
                    throw new InvalidOperationException("trying to initialize the default process group twice!");
                }

                if (store is not null && init_method is not null)
                {
                    throw new ArgumentException("Cannot specify both init_method and store.", nameof(init_method));
                }

                Store meeting;
                bool ownsMeeting;
                if (store is not null)
                {
                    Rendezvous.CheckRanks(world_size, rank, "store");
                    (meeting, ownsMeeting) = (store, false);
                }
                else
                {
                    (meeting, rank, world_size) = Rendezvous.Connect(init_method ?? "env://", world_size, rank, limit);
                    ownsMeeting = true;
                }

                try
                {
                    meeting.set_timeout(limit);

                    // The keys Python's init_process_group uses, so that C# and Python ranks can share one group: the
                    // store behind the prefix "default_pg", the group's own keys behind its name "0".
                    var defaultStore = new PrefixStore("default_pg", meeting);
                    ProcessGroup? group = null;
                    try
                    {
                        using (var groupStore = new PrefixStore("0", defaultStore))
                        {
                            IntPtr raw = name == "nccl"
                                ? NativeMethods.shim_dist_nccl_group(groupStore.Raw, rank, world_size, Timeouts.Milliseconds(limit))
                                : NativeMethods.shim_dist_gloo_group(groupStore.Raw, rank, world_size, Timeouts.Milliseconds(limit), Environment.GetEnvironmentVariable("GLOO_SOCKET_IFNAME"));
                            group = new ProcessGroup(raw, name, rank, world_size, limit, defaultStore);
                        }

                        StoreBasedBarrier(defaultStore, rank, world_size, limit);
                        NativeError.Check(NativeMethods.shim_dist_group_set_sequence_number(group.Raw));
                    }
                    catch
                    {
                        group?.Dispose();
                        defaultStore.Dispose();
                        throw;
                    }

                    world = group;
                }
                finally
                {
                    if (ownsMeeting)
                    {
                        meeting.Dispose();  // the prefix stores hold it natively for as long as they live
                    }
                }
            }
        }

        /// <summary>Releases the default group and its store; <see cref="init_process_group"/> may be called again.</summary>
        public static void destroy_process_group()
        {
            lock (gate)
            {
                if (world is null)
                {
                    throw NotInitialized();
                }

                world.Dispose();
                world.Store.Dispose();
                world = null;
            }
        }

        /// <summary>The default group, made by <see cref="init_process_group"/> (Python's <c>group.WORLD</c>).</summary>
        public static ProcessGroup WORLD
        {
            get
            {
                lock (gate)
                {
                    return world ?? throw NotInitialized();
                }
            }
        }

        /// <summary>This process's rank in <paramref name="group"/> (the default group if null).</summary>
        public static int get_rank(ProcessGroup? group = null) => (group ?? WORLD).Rank;

        /// <summary>How many processes <paramref name="group"/> (the default group if null) has.</summary>
        public static int get_world_size(ProcessGroup? group = null) => (group ?? WORLD).Size;

        /// <summary>The backend of <paramref name="group"/> (the default group if null): "gloo" or "nccl".</summary>
        public static string get_backend(ProcessGroup? group = null) => (group ?? WORLD).Backend;

        /// <summary>Reduces <paramref name="tensor"/> in place over the group; every rank ends with the result.</summary>
        public static void all_reduce(Tensor tensor, ReduceOp op = ReduceOp.SUM, ProcessGroup? group = null, TimeSpan? timeout = null) =>
            (group ?? WORLD).all_reduce(tensor, op, timeout);

        /// <summary>Copies rank <paramref name="src"/>'s <paramref name="tensor"/> into every rank's.</summary>
        public static void broadcast(Tensor tensor, int src, ProcessGroup? group = null, TimeSpan? timeout = null) =>
            (group ?? WORLD).broadcast(tensor, src, timeout);

        /// <summary>Fills <paramref name="tensor_list"/>, one tensor per rank, with every rank's <paramref name="tensor"/>.</summary>
        public static void all_gather(IList<Tensor> tensor_list, Tensor tensor, ProcessGroup? group = null, TimeSpan? timeout = null) =>
            (group ?? WORLD).all_gather(tensor_list, tensor, timeout);

        /// <summary>Returns when every rank of the group has reached it.</summary>
        public static void barrier(ProcessGroup? group = null, TimeSpan? timeout = null) => (group ?? WORLD).barrier(timeout);

        internal static void RequireAvailable()
        {
            if (!is_available())
            {
                throw new PlatformNotSupportedException(
                    "Distributed training is not available: the native shim was built without c10d, because Gloo's headers " +
                    "were missing (Debian: apt-get install libgloo-dev, then rebuild) or because the libtorch it was built " +
                    "against is 2.x, whose c10d the shim does not bind yet (Debian's libtorch 1.13 is bound).");
            }
        }

        private static string Backend(string backend)
        {
            string name = (backend ?? throw new ArgumentNullException(nameof(backend))).ToLowerInvariant();
            return name switch
            {
                "gloo" => name,
                "nccl" when is_nccl_available() => name,
                "nccl" => throw new ArgumentException(
                    "the nccl backend is not available: this libtorch (or the shim) was built without NCCL; use \"gloo\".", nameof(backend)),
                _ => throw new ArgumentException($"Invalid backend: '{backend}'; the backends are \"gloo\" and \"nccl\".", nameof(backend)),
            };
        }

        // Python's _store_based_barrier: every rank adds itself to one counter and waits for all of them; a Python
        // rank in the group waits on the same key.
        private static void StoreBasedBarrier(Store store, int rank, int worldSize, TimeSpan timeout)
        {
            const string Key = "store_based_barrier_key:1";
            store.add(Key, 1);
            long started = Environment.TickCount64;
            long joined;
            while ((joined = store.add(Key, 0)) != worldSize)
            {
                if (Environment.TickCount64 - started > timeout.TotalMilliseconds)
                {
                    throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                        $"Timed out initializing process group in store based barrier on rank: {rank}, for key: {Key} (world_size={worldSize}, worker_count={joined}, timeout={timeout})"));
                }

                Thread.Sleep(10);
            }
        }

        private static InvalidOperationException NotInitialized() =>
            new("Default process group has not been initialized, please make sure to call init_process_group.");
    }
}
