using Attention.Dsl;

namespace AttentionNetwork;

/// <summary>
/// An LSTM reads 10 steps of 2 features, attention weighs its 10 hidden states, and a logistic
/// layer answers. The generator writes the module (fields, forward pass, summary) at compile time:
/// see Generated/Attention.Generators/.
/// </summary>
[Network(PlantedData.Steps, PlantedData.Features)]  // [N, 10, 2]
[Lstm(32)]                                          // every step's hidden state: [N, 10, 32]
[TemporalAttention]                                 // a softmax over the steps, per feature: [N, 10, 32]
[Flatten, Linear(1), Sigmoid]                       // [N, 320] -> [N, 1], a probability
public partial class PlantedStepNet;
