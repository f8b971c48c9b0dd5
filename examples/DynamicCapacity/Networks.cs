using Attention.Dsl;

namespace DynamicCapacity;

/// <summary>The coarse layers: cheap, over the whole 40 × 40 canvas, one 32-feature cell per 8 × 8 pixels ([32, 5, 5]).</summary>
[Block]
[Conv2d(8, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Conv2d(16, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
public partial class CoarseLayers;

/// <summary>The fine layers: deeper and at full resolution, over a 16 × 16 patch around one cell, to the cell's 32 features.</summary>
[Block]
[Conv2d(16, Kernel = 3, Padding = 1), ReLU, Conv2d(16, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Conv2d(32, Kernel = 4), ReLU, Flatten]
public partial class FineLayers;

/// <summary>The top layers: the 5 × 5 map of cells to the 10 classes.</summary>
[Block]
[Conv2d(64, Kernel = 3, Padding = 1), ReLU, GlobalMaxPool2d, Linear(10)]
public partial class TopLayers;

/// <summary>The dynamic capacity network: the fine layers on the 4 most salient of the 25 cells.</summary>
[Network(1, 40, 40)]
[DynamicCapacity(typeof(CoarseLayers), typeof(FineLayers), typeof(TopLayers), Patches = 4, PatchSize = 16)]
public partial class CapacityNetwork;
