"""LSTM and GRU kernels against torch.nn.LSTM / torch.nn.GRU: each case's weights are inputs
(in the module's flat-weights order) copied into the module before it runs."""
import torch

from harness import case, randn


def flat_weight_shapes(gates, input_size, hidden, layers, bidirectional):
    directions = 2 if bidirectional else 1
    shapes = []
    for layer in range(layers):
        layer_input = input_size if layer == 0 else hidden * directions
        for _ in range(directions):
            shapes += [(gates * hidden, layer_input), (gates * hidden, hidden), (gates * hidden,), (gates * hidden,)]
    return shapes


def weights(name, gates, input_size, hidden, layers, bidirectional):
    shapes = flat_weight_shapes(gates, input_size, hidden, layers, bidirectional)
    return [randn(*s, seed=f"{name}_w{i}") * 0.5 for i, s in enumerate(shapes)]


def run_module(module_type, input_size, hidden, layers, bidirectional, batch_first, x, hx, ws):
    module = module_type(input_size, hidden, num_layers=layers, bidirectional=bidirectional, batch_first=batch_first)
    with torch.no_grad():
        for name, w in zip(module._flat_weights_names, ws):
            getattr(module, name).copy_(w)
    return module(x, hx)


def lstm_case(name, input_size, hidden, layers, bidirectional, batch_first, batch, steps):
    directions = 2 if bidirectional else 1
    x_shape = (batch, steps, input_size) if batch_first else (steps, batch, input_size)

    def fn(x, h0, c0, *ws):
        output, (h_n, c_n) = run_module(torch.nn.LSTM, input_size, hidden, layers, bidirectional, batch_first,
                                        x, (h0, c0), ws)
        return output, h_n, c_n

    return case(name, fn, randn(*x_shape, seed=name + "_x"),
                randn(layers * directions, batch, hidden, seed=name + "_h0"),
                randn(layers * directions, batch, hidden, seed=name + "_c0"),
                *weights(name, 4, input_size, hidden, layers, bidirectional))


def gru_case(name, input_size, hidden, layers, bidirectional, batch_first, batch, steps):
    directions = 2 if bidirectional else 1
    x_shape = (batch, steps, input_size) if batch_first else (steps, batch, input_size)

    def fn(x, h0, *ws):
        return run_module(torch.nn.GRU, input_size, hidden, layers, bidirectional, batch_first, x, h0, ws)

    return case(name, fn, randn(*x_shape, seed=name + "_x"),
                randn(layers * directions, batch, hidden, seed=name + "_h0"),
                *weights(name, 3, input_size, hidden, layers, bidirectional))


CASES = [
    lstm_case("lstm_one_layer", 3, 4, 1, False, False, 2, 5),
    lstm_case("lstm_two_layers_bidirectional", 3, 4, 2, True, False, 2, 4),
    lstm_case("lstm_batch_first", 3, 5, 1, False, True, 3, 4),
    gru_case("gru_one_layer", 3, 4, 1, False, False, 2, 5),
    gru_case("gru_two_layers_bidirectional", 3, 4, 2, True, False, 2, 4),
    gru_case("gru_batch_first", 3, 5, 1, False, True, 3, 4),
]
