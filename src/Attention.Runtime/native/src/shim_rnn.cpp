// Recurrent kernels behind LSTM and GRU: whole multi-layer, optionally bidirectional
// sequences in one call, as torch._VF.lstm / torch._VF.gru.
#include <vector>

#include "common.h"

// params[count] are in PyTorch's flat-weights order: per layer and direction w_ih, w_hh[, b_ih, b_hh].

// Writes output, h_n and c_n.
SHIM_API ShimStatus shim_lstm(TensorHandle input, TensorHandle h0, TensorHandle c0, const TensorHandle* params,
                              int32_t n_params, uint8_t has_biases, int64_t num_layers, double dropout, uint8_t train,
                              uint8_t bidirectional, uint8_t batch_first, TensorHandle* output, TensorHandle* h_n,
                              TensorHandle* c_n) {
    SHIM_STATUS({
        auto result = at::lstm(*input, {*h0, *c0}, shim::tensor_list(params, n_params), has_biases != 0, num_layers, dropout,
                               train != 0, bidirectional != 0, batch_first != 0);
        *output = shim::wrap(std::get<0>(result));
        *h_n = shim::wrap(std::get<1>(result));
        *c_n = shim::wrap(std::get<2>(result));
    })
}

// Writes output and h_n.
SHIM_API ShimStatus shim_gru(TensorHandle input, TensorHandle h0, const TensorHandle* params, int32_t n_params,
                             uint8_t has_biases, int64_t num_layers, double dropout, uint8_t train,
                             uint8_t bidirectional, uint8_t batch_first, TensorHandle* output, TensorHandle* h_n) {
    SHIM_STATUS({
        auto result = at::gru(*input, *h0, shim::tensor_list(params, n_params), has_biases != 0, num_layers, dropout,
                              train != 0, bidirectional != 0, batch_first != 0);
        *output = shim::wrap(std::get<0>(result));
        *h_n = shim::wrap(std::get<1>(result));
    })
}

// Packed sequences, as torch.nn.utils.rnn: the steps of every sequence stored time-major, batch_sizes[t]
// sequences long at step t (lengths sorted in decreasing order). The kernels then stop each sequence
// at its own length, so padding never enters a state.

// Writes the packed data and the batch sizes of input padded to its longest sequence.
SHIM_API ShimStatus shim_pack_padded_sequence(TensorHandle input, TensorHandle lengths, uint8_t batch_first,
                                              TensorHandle* data, TensorHandle* batch_sizes) {
    SHIM_STATUS({
        auto result = at::_pack_padded_sequence(*input, *lengths, batch_first != 0);
        *data = shim::wrap(std::get<0>(result));
        *batch_sizes = shim::wrap(std::get<1>(result));
    })
}

// Writes the padded tensor (total_length steps) and the lengths of a packed sequence.
SHIM_API ShimStatus shim_pad_packed_sequence(TensorHandle data, TensorHandle batch_sizes, uint8_t batch_first,
                                             double padding_value, int64_t total_length, TensorHandle* padded,
                                             TensorHandle* lengths) {
    SHIM_STATUS({
        auto result = at::_pad_packed_sequence(*data, *batch_sizes, batch_first != 0, padding_value, total_length);
        *padded = shim::wrap(std::get<0>(result));
        *lengths = shim::wrap(std::get<1>(result));
    })
}

// The LSTM over packed data: writes the packed output, h_n and c_n.
SHIM_API ShimStatus shim_lstm_packed(TensorHandle data, TensorHandle batch_sizes, TensorHandle h0, TensorHandle c0,
                                     const TensorHandle* params, int32_t n_params, uint8_t has_biases, int64_t num_layers,
                                     double dropout, uint8_t train, uint8_t bidirectional, TensorHandle* output,
                                     TensorHandle* h_n, TensorHandle* c_n) {
    SHIM_STATUS({
        auto result = at::lstm(*data, *batch_sizes, {*h0, *c0}, shim::tensor_list(params, n_params), has_biases != 0,
                               num_layers, dropout, train != 0, bidirectional != 0);
        *output = shim::wrap(std::get<0>(result));
        *h_n = shim::wrap(std::get<1>(result));
        *c_n = shim::wrap(std::get<2>(result));
    })
}

// The GRU over packed data: writes the packed output and h_n.
SHIM_API ShimStatus shim_gru_packed(TensorHandle data, TensorHandle batch_sizes, TensorHandle h0, const TensorHandle* params,
                                    int32_t n_params, uint8_t has_biases, int64_t num_layers, double dropout, uint8_t train,
                                    uint8_t bidirectional, TensorHandle* output, TensorHandle* h_n) {
    SHIM_STATUS({
        auto result = at::gru(*data, *batch_sizes, *h0, shim::tensor_list(params, n_params), has_biases != 0, num_layers,
                              dropout, train != 0, bidirectional != 0);
        *output = shim::wrap(std::get<0>(result));
        *h_n = shim::wrap(std::get<1>(result));
    })
}
