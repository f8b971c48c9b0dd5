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

/// <summary>The coarse layers: one 3-feature cell per 4 × 4 pixels.</summary>
[Block]
[Conv2d(3, Kernel = 4, Stride = 4)]
public partial class CoarseCells;

/// <summary>The fine layers: an 8 × 8 patch to the 3 features of its cell.</summary>
[Block]
[Conv2d(3, Kernel = 8), Flatten]
public partial class FineCells;

/// <summary>The top layers: the 4 × 4 map of cells to 5 logits.</summary>
[Block]
[Flatten, Linear(5)]
public partial class TopCells;

/// <summary>A dynamic capacity network refining the 3 most salient of 16 cells from 8 × 8 patches.</summary>
[Network(1, 16, 16)]
[DynamicCapacity(typeof(CoarseCells), typeof(FineCells), typeof(TopCells), Patches = 3, PatchSize = 8)]
public partial class CapacityNet;

/// <summary>A network with two inputs: text features through a Linear layer, fused with image features by a GMU, then the class.</summary>
[Network(12), SecondInput(7)]
[Linear(8), Tanh, GatedMultimodalUnit(5, ScalarGate = false), Linear(3)]
public partial class TwoInputFusionNet;
