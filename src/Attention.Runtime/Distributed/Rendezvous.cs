using System;
using System.Globalization;

namespace Attention.Runtime.Distributed;

/// <summary>
/// The rendezvous of <see cref="torch.distributed.init_process_group"/>: reads an init method (env://, tcp://, file://)
/// as PyTorch's rendezvous handlers do, checks it, and opens the store the processes meet through. Rank 0 serves a
/// <see cref="TCPStore"/>; the others connect to it.
/// </summary>
internal static class Rendezvous
{
    /// <summary>The variables torchrun sets and env:// reads.</summary>
    public const string MasterAddr = "MASTER_ADDR", MasterPort = "MASTER_PORT", Rank = "RANK", WorldSize = "WORLD_SIZE", LocalRank = "LOCAL_RANK";

    public static (Store Store, int Rank, int WorldSize) Connect(string initMethod, int worldSize, int rank, TimeSpan timeout)
    {
        if (!Uri.TryCreate(initMethod, UriKind.Absolute, out Uri? uri))
        {
            throw Error(initMethod, "not a URL; use env://, tcp://host:port or file:///path");
        }

        switch (uri.Scheme)
        {
            case "env":
            {
                rank = rank >= 0 ? rank : EnvInt(Rank);
                worldSize = worldSize >= 0 ? worldSize : EnvInt(WorldSize);
                CheckRanks(worldSize, rank, "env://");
                string host = Env(MasterAddr);
                int port = Port(Env(MasterPort), $"environment variable {MasterPort}");
                return (new TCPStore(host, port, worldSize, is_master: rank == 0, timeout), rank, worldSize);
            }

            case "tcp":
            {
                CheckRanks(worldSize, rank, "tcp://");
                if (uri.IsDefaultPort || uri.Port < 0)
                {
                    throw Error(initMethod, "tcp:// needs a port (tcp://host:port)");
                }

                return (new TCPStore(uri.Host, uri.Port, worldSize, is_master: rank == 0, timeout), rank, worldSize);
            }

            case "file":
                CheckRanks(worldSize, rank, "file://");
                return (new FileStore(uri.LocalPath, worldSize), rank, worldSize);

            default:
                throw Error(initMethod, $"no rendezvous handler for {uri.Scheme}://; use env://, tcp:// or file://");
        }
    }

    /// <summary>A world size of at least one and a rank inside it, as every rendezvous needs.</summary>
    public static void CheckRanks(int worldSize, int rank, string method)
    {
        if (worldSize < 1)
        {
            throw new ArgumentException($"Error initializing torch.distributed using {method} rendezvous: world_size must be positive, got {worldSize}.");
        }

        if (rank < 0 || rank >= worldSize)
        {
            throw new ArgumentException($"Error initializing torch.distributed using {method} rendezvous: rank must be in [0, {worldSize}), got {rank}.");
        }
    }

    /// <summary>A port 0 to 65535 (0: any free port, for a master alone).</summary>
    public static int Port(string text, string source) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= ushort.MaxValue
            ? port
            : throw new ArgumentException($"Error initializing torch.distributed: {source} must be a port from 0 to 65535, got '{text}'.");

    private static string Env(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new ArgumentException($"Error initializing torch.distributed using env:// rendezvous: environment variable {name} expected, but not set");

    private static int EnvInt(string name)
    {
        string text = Env(name);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"Error initializing torch.distributed using env:// rendezvous: environment variable {name} must be an integer, got '{text}'");
    }

    private static ArgumentException Error(string initMethod, string reason) =>
        new($"Error initializing torch.distributed using init_method '{initMethod}': {reason}.");
}
