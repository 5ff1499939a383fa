"""Time training of the 1-20-1 ReLU network: handgrad against PyTorch.

Both train the same network (1 input, 20 ReLU units, 1 linear output) from
the same initial weights on the same 256 samples of ``handgrad.data.bell()``
for 5,000 steps of full-batch gradient descent on the mean squared error,
recording the loss at every step, in float64 and in float32. PyTorch runs on
the CPU with one thread (``torch.set_num_threads(1)``), its step written as
ours is: ``p -= learning_rate * p.grad`` for every parameter.

Each run is repeated and the fastest kept, since other work on the machine
can only slow a run down. Both must end at the same loss (float64: to 1e-9
relative) or the script fails: the comparison is only fair if both computed
the same thing.

    .venv/bin/python benchmarks/bench_train.py      (or: make bench)
"""

from __future__ import annotations

import platform
import sys
import time

import numpy as np

from handgrad.data import bell
from handgrad.network import Network

try:
    import torch
    from torch import nn
except ImportError:  # pragma: no cover
    sys.exit(
        "bench_train.py compares with PyTorch, which is not installed: run `make torch`"
    )

SIZES = [1, 20, 1]
ACTIVATIONS = ["relu", "identity"]
LEARNING_RATE = 0.05
STEPS = 5_000
REPEATS = 5
SEED = 1  # a run without the early loss spikes that seed 0 shows at this rate
# Same data, weights and algorithm, but not the same order of floating-point
# operations, so the final losses agree to rounding, amplified over 5,000 steps.
AGREE = {np.float64: 1e-9, np.float32: 1e-3}


def handgrad_run(dtype: type) -> tuple[float, np.ndarray]:
    """Seconds for STEPS steps of handgrad, and the loss history."""
    X, Y = bell()
    net = Network.init(SIZES, ACTIVATIONS, seed=SEED, dtype=dtype)
    start = time.perf_counter()
    history = net.train(X, Y, learning_rate=LEARNING_RATE, steps=STEPS)
    return time.perf_counter() - start, history


def torch_run(dtype: type) -> tuple[float, np.ndarray]:
    """Seconds for STEPS steps of PyTorch from handgrad's initial weights."""
    X, Y = bell()
    net = Network.init(SIZES, ACTIVATIONS, seed=SEED, dtype=dtype)
    t_dtype = torch.float64 if dtype == np.float64 else torch.float32
    model = nn.Sequential(nn.Linear(1, 20), nn.ReLU(), nn.Linear(20, 1)).to(t_dtype)
    with torch.no_grad():
        for linear, W, b in zip((model[0], model[2]), net.W, net.b, strict=True):
            linear.weight.copy_(torch.from_numpy(W.T.copy()))  # torch: (out, in)
            linear.bias.copy_(torch.from_numpy(b))
    Xt, Yt = torch.from_numpy(X.astype(dtype)), torch.from_numpy(Y.astype(dtype))
    loss_fn = nn.MSELoss()
    params = list(model.parameters())
    history = np.empty(STEPS)
    start = time.perf_counter()
    for k in range(STEPS):
        loss = loss_fn(model(Xt), Yt)
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= LEARNING_RATE * p.grad
        history[k] = loss.item()
    return time.perf_counter() - start, history


def main() -> None:
    torch.set_num_threads(1)
    print(
        f"1-20-1 ReLU network, 256 samples, {STEPS:,} full-batch steps, "
        f"best of {REPEATS} runs\n"
        f"NumPy {np.__version__}, PyTorch {torch.__version__} (CPU, 1 thread), "
        f"Python {platform.python_version()}\n"
    )
    print("dtype    handgrad µs/step  PyTorch µs/step  speed-up  final loss (gap)")
    failed = False
    for dtype in (np.float64, np.float32):
        ours, theirs = [], []
        for _ in range(REPEATS):  # alternate, so slow spells hit both alike
            ours.append(handgrad_run(dtype))
            theirs.append(torch_run(dtype))
        t_ours = min(t for t, _ in ours) / STEPS * 1e6
        t_theirs = min(t for t, _ in theirs) / STEPS * 1e6
        loss_ours, loss_theirs = ours[0][1][-1], theirs[0][1][-1]
        gap = abs(loss_ours - loss_theirs) / abs(loss_theirs)
        print(
            f"{dtype.__name__:8} {t_ours:16.1f} {t_theirs:16.1f} "
            f"{t_theirs / t_ours:8.1f}x  {loss_ours:.6g} ({gap:.0e})"
        )
        if gap > AGREE[dtype]:
            failed = True
            print(
                f"  the final losses differ by {gap:.2g} relative (> {AGREE[dtype]:g})"
            )
    if failed:
        sys.exit("handgrad and PyTorch did not end at the same loss: not comparable")


if __name__ == "__main__":
    main()
