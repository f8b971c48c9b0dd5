"""PyTorch's side of the safetensors round trips in SafeTensorsRoundTripTests.cs.

The safetensors package is not installed with python3-torch, so the format is read and written
here by hand (struct + json), following the specification independently of the C# code.

Commands (each exits non-zero with a message on any mismatch):
  python-to-csharp CHECKPOINT OUTPUTS   seed, build TinyMlp, save its state dict and {input, output}
  csharp-to-python CHECKPOINT OUTPUTS   build TinyMlp, load CHECKPOINT strictly, save {input, output}
  write-dtypes PATH                     save one tensor of every dtype (values of expected_dtypes())
  check-dtypes PATH                     load a file of every dtype and compare with expected_dtypes()
"""
import hashlib
import json
import struct
import sys

import torch

DTYPES = {
    "BOOL": torch.bool,
    "U8": torch.uint8,
    "I8": torch.int8,
    "I16": torch.int16,
    "F16": torch.float16,
    "BF16": torch.bfloat16,
    "I32": torch.int32,
    "F32": torch.float32,
    "F64": torch.float64,
    "I64": torch.int64,
}
NAMES = {dtype: name for name, dtype in DTYPES.items()}
# The reference implementation lays data out by descending alignment rank, then by name.
RANK = {"BOOL": 0, "U8": 1, "I8": 2, "I16": 5, "F16": 7, "BF16": 8, "I32": 9, "F32": 11, "F64": 12, "I64": 13}


class TinyMlp(torch.nn.Module):
    """Mirrors TinyMlp in SafeTensorsRoundTripTests.cs: fc2(tanh(fc1(x))) * scale."""

    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(5, 8)
        self.fc2 = torch.nn.Linear(8, 3)
        self.register_buffer("scale", torch.ones(3))
        self.register_buffer("steps", torch.tensor(0))

    def forward(self, x):
        return self.fc2(torch.tanh(self.fc1(x))) * self.scale


def save(tensors, path, metadata=None):
    items = sorted(tensors.items(), key=lambda kv: (-RANK[NAMES[kv[1].dtype]], kv[0]))
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, tensor in items:
        flat = tensor.detach().contiguous().reshape(-1)
        data = bytes(flat.view(torch.uint8).tolist()) if flat.numel() else b""
        header[name] = {"dtype": NAMES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for data in blobs:
            f.write(data)


def load(path):
    with open(path, "rb") as f:
        content = f.read()
    (n,) = struct.unpack("<Q", content[:8])
    if len(text := content[8 : 8 + n]) != n or n % 8 != 0:
        fail(f"{path}: header length {n} is wrong or not a multiple of 8")
    header = json.loads(text.decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    buffer = content[8 + n :]
    checksums = {key[len("sha256:"):]: value for key, value in metadata.items() if key.startswith("sha256:")}
    metadata = {key: value for key, value in metadata.items() if not key.startswith("sha256:")}
    if checksums and sorted(checksums) != sorted(header):
        fail(f"{path}: checksums for {sorted(checksums)}, tensors {sorted(header)}")
    tensors, covered = {}, 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        begin, end = info["data_offsets"]
        if begin != covered:
            fail(f"{path}: tensor {name} starts at {begin}, expected {covered}")
        dtype = DTYPES[info["dtype"]]
        raw = bytearray(buffer[begin:end])
        if checksums and hashlib.sha256(raw).hexdigest() != checksums[name]:
            fail(f"{path}: tensor {name}'s bytes do not hash to the SHA-256 in the metadata")
        flat = torch.frombuffer(raw, dtype=torch.uint8) if raw else torch.empty(0, dtype=torch.uint8)
        tensors[name] = flat.view(dtype).reshape(info["shape"]).clone()
        covered = end
    if covered != len(buffer):
        fail(f"{path}: the tensors cover {covered} of {len(buffer)} data bytes")
    return tensors, metadata, len(checksums)


def expected_dtypes():
    """One small tensor per dtype; the C# test builds the same values."""
    base = torch.tensor([[-3.0, -1.5, 0.0], [0.25, 2.0, 100.0]], dtype=torch.float64)
    return {
        "bool": base > 0,
        "u8": torch.arange(250, 256, dtype=torch.int64).reshape(2, 3).to(torch.uint8),
        "i8": base.to(torch.int8),
        "i16": (base * 300).to(torch.int16),
        "f16": base.to(torch.float16),
        "bf16": base.to(torch.bfloat16),
        "i32": (base * 1e6).to(torch.int32),
        "f32": base.to(torch.float32),
        "f64": base / 3,
        "i64": (base * 1e12).to(torch.int64),
        "scalar": torch.tensor(7.5, dtype=torch.float32),
        "empty": torch.zeros(0, 4, dtype=torch.float32),
    }


def fixed_input():
    torch.manual_seed(20240611)
    return torch.randn(4, 5)


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def main(command, *paths):
    if command == "python-to-csharp":
        checkpoint, outputs = paths
        torch.manual_seed(1234)
        model = TinyMlp()
        model.scale.copy_(torch.tensor([0.5, -1.0, 2.0]))
        model.steps.fill_(42)
        save(model.state_dict(), checkpoint, {"format": "pt"})
        x = fixed_input()
        with torch.no_grad():
            save({"input": x, "output": model(x)}, outputs)
    elif command == "csharp-to-python":
        checkpoint, outputs = paths
        state, _, _ = load(checkpoint)
        model = TinyMlp()
        expected = model.state_dict()
        for key, value in state.items():
            if key in expected and value.dtype != expected[key].dtype:
                fail(f"{key}: dtype {value.dtype}, the model has {expected[key].dtype}")
        model.load_state_dict(state, strict=True)
        x = fixed_input()
        with torch.no_grad():
            save({"input": x, "output": model(x)}, outputs)
    elif command == "write-dtypes":
        (path,) = paths
        save(expected_dtypes(), path, {"writer": "safetensors_roundtrip.py"})
    elif command == "check-dtypes":
        (path,) = paths
        actual, metadata, verified = load(path)
        expected = expected_dtypes()
        if sorted(actual) != sorted(expected):
            fail(f"keys {sorted(actual)} differ from {sorted(expected)}")
        for name, value in expected.items():
            got = actual[name]
            if got.dtype != value.dtype or got.shape != value.shape or not torch.equal(got, value):
                fail(f"{name}: got {got.dtype} {list(got.shape)} {got.tolist()}, expected {value.dtype} {list(value.shape)} {value.tolist()}")
        if metadata != {"writer": "Attention.Runtime"}:
            fail(f"metadata {metadata} differs from {{'writer': 'Attention.Runtime'}}")
        if verified != len(expected):
            fail(f"{path}: {verified} of {len(expected)} tensors carry a SHA-256 that matches their bytes")
    else:
        fail(f"unknown command {command!r}\n{__doc__}")


if __name__ == "__main__":
    main(*sys.argv[1:])
