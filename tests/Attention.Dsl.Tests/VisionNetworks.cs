using Attention.Dsl;

namespace Attention.Dsl.Tests;

// The vision mechanisms' networks, each matching a case of Reference/vision.py.

/// <summary>A small localisation network: [C, 12, 12] → conv 3×3 (4) → pool → ReLU → 100 → Linear(8) → ReLU.</summary>
[Block]
[Conv2d(4, Kernel = 3), MaxPool2d(2), ReLU, Flatten, Linear(8), ReLU]
public partial class SmallLocalisation;

/// <summary>A spatial transformer (align_corners false, the input's size) and a read-out.</summary>
[Network(1, 12, 12)]
[SpatialTransformer(typeof(SmallLocalisation)), Flatten, Linear(3)]
public partial class StnNet;

/// <summary>A spatial transformer over two channels with align_corners true, sampling an 8 × 6 output.</summary>
[Network(2, 12, 12)]
[SpatialTransformer(typeof(SmallLocalisation), AlignCorners = true, OutputHeight = 8, OutputWidth = 6, Name = "transformer"), Flatten, Linear(3)]
public partial class StnAlignedNet;
