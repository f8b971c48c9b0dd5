using Attention.Dsl;

namespace SpatialTransformer;

/// <summary>The localisation network (as in PyTorch's spatial transformer tutorial, sized for a 42 × 42 canvas): 1 × 42 × 42 → 32.</summary>
[Block]
[Conv2d(8, Kernel = 7), MaxPool2d(2), ReLU]
[Conv2d(10, Kernel = 5), MaxPool2d(2), ReLU]
[Flatten, Linear(32), ReLU]
public partial class Localisation;

/// <summary>
/// The STN-CNN: the transformer finds the item on the canvas and samples a 28 × 28 view of it (θ starts at the identity,
/// the whole canvas shrunk), then the same convolutional classifier as <see cref="PlainCnn"/>.
/// </summary>
[Network(1, 42, 42)]
[SpatialTransformer(typeof(Localisation), OutputHeight = 28, OutputWidth = 28)]
[Conv2d(16, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Flatten, Linear(64), ReLU, Linear(10)]
public partial class StnCnn;

/// <summary>The plain CNN on the whole 42 × 42 canvas: two convolution stages and two Linear layers.</summary>
[Network(1, 42, 42)]
[Conv2d(16, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Flatten, Linear(64), ReLU, Linear(10)]
public partial class PlainCnn;
