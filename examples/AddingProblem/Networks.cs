using Attention.Dsl;

namespace AddingProblem;

// Raffel and Ellis (2015), section 3: a feed-forward network with attention. Every step is mapped
// by the same layer, h_t = relu(W x_t + b) with 100 units; attention pooling e_t = tanh(h_t · w + b),
// α = softmax(e), c = Σ α_t h_t; then a hidden layer of 100 ReLU units and a linear output. The
// parameters do not depend on the length T, which [Network] fixes at compile time: one class per length.

/// <summary>The attention network for sequences of 50 steps.</summary>
[Network(50, 2)]
[Linear(100), ReLU, AttentionPooling, Linear(100), ReLU, Linear(1)]
public partial class Adding50;

/// <summary>The attention network for sequences of 200 steps.</summary>
[Network(200, 2)]
[Linear(100), ReLU, AttentionPooling, Linear(100), ReLU, Linear(1)]
public partial class Adding200;

/// <summary>The attention network for sequences of 1,000 steps.</summary>
[Network(1000, 2)]
[Linear(100), ReLU, AttentionPooling, Linear(100), ReLU, Linear(1)]
public partial class Adding1000;

/// <summary>The attention network for sequences of 10,000 steps, the longest the paper solves.</summary>
[Network(10000, 2)]
[Linear(100), ReLU, AttentionPooling, Linear(100), ReLU, Linear(1)]
public partial class Adding10000;
