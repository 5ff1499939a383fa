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

The header names the BLAS that NumPy runs and the kernel it chose for this
processor, the OPENBLAS_* variables that can force another kernel, and the
load average (other work on the machine).

    .venv/bin/python benchmarks/bench_train.py      (or: make bench)
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys
import time
from pathlib import Path

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
# Set on some machines for older OpenBLAS builds; they force a kernel.
OPENBLAS_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


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


def numpy_blas() -> str:
    """NumPy's BLAS and the kernel it runs, by threadpoolctl if installed."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return bundled_openblas()
    for info in threadpool_info():
        if info["user_api"] == "blas" and "numpy" in info["filepath"]:
            kernel = info.get("architecture", "?")
            return f"{info['internal_api']} {info['version']}, {kernel} kernel"
    return "unknown (threadpoolctl found no BLAS of NumPy's)"


def bundled_openblas() -> str:
    """Ask the OpenBLAS of NumPy's wheel itself, as threadpoolctl would."""
    for path in Path(np.__file__).parent.parent.glob("numpy.libs/*openblas*"):
        lib = ctypes.CDLL(str(path))  # the copy NumPy has loaded already
        for prefix in ("scipy_openblas_get_", "openblas_get_"):
            for suffix in ("64_", ""):
                corename = getattr(lib, f"{prefix}corename{suffix}", None)
                config = getattr(lib, f"{prefix}config{suffix}", None)
                if corename and config:
                    corename.restype = config.restype = ctypes.c_char_p
                    version = config().decode().split()[1]
                    return f"OpenBLAS {version}, {corename().decode()} kernel"
    return "unknown (no threadpoolctl, and no OpenBLAS in NumPy's wheel)"


def main() -> None:
    torch.set_num_threads(1)
    forced = [f"{k}={os.environ[k]}" for k in OPENBLAS_VARS if k in os.environ]
    print(
        f"1-20-1 ReLU network, 256 samples, {STEPS:,} full-batch steps, "
        f"best of {REPEATS} runs\n"
        f"NumPy {np.__version__}, PyTorch {torch.__version__} (CPU, 1 thread), "
        f"Python {platform.python_version()}\n"
        f"NumPy's BLAS: {numpy_blas()}; "
        f"{' '.join(forced) if forced else 'no OPENBLAS_CORETYPE/L2_SIZE set'}\n"
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores\n"
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
