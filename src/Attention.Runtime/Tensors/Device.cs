using System;
using System.Globalization;

namespace Attention.Runtime;

/// <summary>Device kinds, numbered as libtorch's <c>c10::DeviceType</c>.</summary>
public enum DeviceType
{
    /// <summary>The CPU.</summary>
    CPU = 0,
    /// <summary>An NVIDIA GPU.</summary>
    CUDA = 1,
}

/// <summary>Where a tensor lives: <c>cpu</c>, <c>cuda</c> (the current CUDA device) or <c>cuda:1</c>.</summary>
public sealed record Device
{
    /// <summary>A device of <paramref name="type"/>; <paramref name="index"/> -1 leaves the ordinal unspecified.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is below -1, or above 0 for the CPU.</exception>
    public Device(DeviceType type, int index = -1)
    {
        if (index < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "A device index is -1 (unspecified) or non-negative.");
        }

        if (type == DeviceType.CPU && index > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "The CPU device has no index other than 0.");
        }

        this.type = type;
        this.index = index;
    }

    /// <summary>Parses PyTorch's device strings: "cpu", "cuda", "cuda:1".</summary>
    public Device(string description) : this(ParseType(description, out int index), index)
    {
    }

    /// <summary>The kind of device.</summary>
    public DeviceType type { get; }

    /// <summary>The device ordinal, or -1 when unspecified.</summary>
    public int index { get; }

    /// <summary>Parses PyTorch's device strings, as <see cref="Device(string)"/>.</summary>
    public static implicit operator Device(string description) => new(description);

    /// <summary>PyTorch's spelling: "cpu", "cuda" or "cuda:1".</summary>
    public override string ToString()
    {
        string name = type == DeviceType.CPU ? "cpu" : "cuda";
        return index >= 0 && type != DeviceType.CPU ? $"{name}:{index.ToString(CultureInfo.InvariantCulture)}" : name;
    }

    private static DeviceType ParseType(string description, out int index)
    {
        ArgumentNullException.ThrowIfNull(description);
        string text = description.Trim();
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? text : text[..colon];
        index = -1;
        if (colon >= 0 && (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out index)))
        {
            throw new FormatException($"Invalid device string '{description}': the index after ':' must be a non-negative integer.");
        }

        return name.ToLowerInvariant() switch
        {
            "cpu" => DeviceType.CPU,
            "cuda" => DeviceType.CUDA,
            _ => throw new FormatException($"Invalid device string '{description}': expected 'cpu', 'cuda' or 'cuda:N'."),
        };
    }
}

public static partial class torch
{
    /// <summary>The CPU device (<c>torch.device("cpu")</c>).</summary>
    public static readonly Device CPU = new(DeviceType.CPU);

    /// <summary>The current CUDA device (<c>torch.device("cuda")</c>).</summary>
    public static Device CUDA => new(DeviceType.CUDA);

    /// <summary>The device that <paramref name="description"/> names ("cpu", "cuda", "cuda:1"), as <c>torch.device</c>.</summary>
    /// <exception cref="FormatException"><paramref name="description"/> is not a device string.</exception>
    public static Device device(string description) => new(description);
}
