"""torch.nn.LSTM and torch.nn.GRU as modules: initialisation after manual_seed, and outputs and
gradients (input, initial state and every parameter) with given weights. Each case's weights are
inputs in the module's parameter order, copied into the module before it runs."""
import torch

from harness import case, randn


def init(module_type, seed, *args, **kwargs):
    def run():
        torch.manual_seed(seed)
        return list(module_type(*args, **kwargs).parameters())
    return run


def parameter_inputs(name, module_type, *args, **kwargs):
    shapes = [p.shape for p in module_type(*args, **kwargs).parameters()]
    return [randn(*s, seed=f"{name}_p{i}") * 0.5 for i, s in enumerate(shapes)]


def forward_backward(module_type, args, kwargs, with_state, lstm):
    """fn(x, [h0, [c0]], *weights) -> output, final states, then the gradients of x, the states and the weights."""
    def fn(x, *rest):
        module = module_type(*args, **kwargs)
        states = list(rest[:(2 if lstm else 1)]) if with_state else []
        weights = rest[len(states):]
        with torch.no_grad():
            for p, w in zip(module.parameters(), weights):
                p.copy_(w)
        x = x.clone().requires_grad_()
        states = [s.clone().requires_grad_() for s in states]
        hx = None if not with_state else (tuple(states) if lstm else states[0])
        output, final = module(x, hx)
        finals = list(final) if lstm else [final]
        loss = (output * output).sum() + sum((f * f).sum() for f in finals)
        loss.backward()
        return [output, *finals, x.grad, *[s.grad for s in states], *[p.grad for p in module.parameters()]]
    return fn


def rnn_case(name, module_type, x_shape, args, kwargs, with_state):
    lstm = module_type is torch.nn.LSTM
    module = module_type(*args, **kwargs)
    directions = 2 if module.bidirectional else 1
    batch = (x_shape[0] if module.batch_first else x_shape[1]) if len(x_shape) == 3 else None
    state_shape = (module.num_layers * directions, batch, module.hidden_size) if batch else (module.num_layers * directions, module.hidden_size)
    states = [randn(*state_shape, seed=f"{name}_s{i}") for i in range(2 if lstm else 1)] if with_state else []
    return case(name, forward_backward(module_type, args, kwargs, with_state, lstm),
                randn(*x_shape, seed=name + "_x"), *states, *parameter_inputs(name, module_type, *args, **kwargs))


def lstm_dropout_between_layers(x):
    torch.manual_seed(30)
    module = torch.nn.LSTM(3, 4, num_layers=3, dropout=0.5)
    torch.manual_seed(31)
    output, (h_n, c_n) = module(x)
    return output, h_n, c_n


CASES = [
    case("lstm_init", init(torch.nn.LSTM, 11, 3, 4, num_layers=2, bidirectional=True)),
    case("lstm_init_no_bias", init(torch.nn.LSTM, 12, 2, 3, bias=False)),
    case("gru_init", init(torch.nn.GRU, 13, 3, 5, num_layers=2)),
    rnn_case("lstm_one_layer", torch.nn.LSTM, (5, 2, 3), (3, 4), {}, False),
    rnn_case("lstm_with_initial_state", torch.nn.LSTM, (4, 3, 3), (3, 4), {}, True),
    rnn_case("lstm_two_layers_bidirectional_batch_first", torch.nn.LSTM, (2, 4, 3), (3, 4),
             {"num_layers": 2, "bidirectional": True, "batch_first": True}, True),
    rnn_case("lstm_unbatched", torch.nn.LSTM, (4, 3), (3, 2), {}, True),
    rnn_case("gru_one_layer", torch.nn.GRU, (5, 2, 3), (3, 4), {}, False),
    rnn_case("gru_two_layers_bidirectional_batch_first", torch.nn.GRU, (2, 4, 3), (3, 4),
             {"num_layers": 2, "bidirectional": True, "batch_first": True}, True),
    rnn_case("gru_unbatched_no_bias", torch.nn.GRU, (4, 3), (3, 2), {"bias": False}, False),
    case("lstm_dropout_between_layers", lstm_dropout_between_layers, randn(5, 2, 3, seed="lstm_dropout_x")),
]


PACKED_LENGTHS = [3, 5, 1]   # unsorted, so that packing sorts the batch and restores its order


def packed(module_type, lstm, *args, **kwargs):
    """fn(x, *weights): x [3, 5, D] padded batch first, run packed with PACKED_LENGTHS through
    pack_padded_sequence(enforce_sorted=False) and padded again to 5 steps; then the gradients."""
    def fn(x, *weights):
        module = module_type(*args, batch_first=True, **kwargs)
        with torch.no_grad():
            for p, w in zip(module.parameters(), weights):
                p.copy_(w)
        x = x.clone().requires_grad_()
        packed_input = torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(PACKED_LENGTHS), batch_first=True, enforce_sorted=False)
        packed_output, final = module(packed_input)
        output, lengths = torch.nn.utils.rnn.pad_packed_sequence(packed_output, batch_first=True, total_length=5)
        finals = list(final) if lstm else [final]
        loss = (output * output).sum() + sum((f * f).sum() for f in finals)
        loss.backward()
        return [output, *finals, lengths, x.grad, *[p.grad for p in module.parameters()]]
    return fn


def packed_case(name, module_type, *args, **kwargs):
    lstm = module_type is torch.nn.LSTM
    return case(name, packed(module_type, lstm, *args, **kwargs), randn(3, 5, args[0], seed=name + "_x"),
                *parameter_inputs(name, module_type, *args, **kwargs))


CASES += [
    packed_case("lstm_packed_two_layers_bidirectional", torch.nn.LSTM, 3, 4, num_layers=2, bidirectional=True),
    packed_case("gru_packed_two_layers_bidirectional", torch.nn.GRU, 3, 4, num_layers=2, bidirectional=True),
    packed_case("lstm_packed_one_layer", torch.nn.LSTM, 2, 3),
]
