using Attention.Dsl;

namespace PlantedColumn;

/// <summary>
/// Seed 000's network: an LSTM over 10 steps of 2 features, attention over its steps
/// (<c>attention_3d_block</c>), then a logistic output. Keras' <c>Dense(1, activation='sigmoid')</c>
/// is <c>Linear(1), Sigmoid</c>.
/// </summary>
[Network(PlantedData.Steps, PlantedData.Features)]   // [N, 10, 2]
[Lstm(32)]                                           // every step's hidden state: [N, 10, 32]
[TemporalAttention]                                  // the seed's attention_3d_block: [N, 10, 32]
[Flatten, Linear(1), Sigmoid]                        // [N, 320] -> [N, 1], a probability
public partial class PlantedColumnNet;
