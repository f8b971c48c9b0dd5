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
