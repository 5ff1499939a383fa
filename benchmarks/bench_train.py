"""Time training: handgrad against PyTorch, on the networks of the pages.

Each row trains one network by full-batch gradient descent on the mean
squared error, from the same initial weights in both libraries, in float64:

- ``1-20-1 train()``: the 1-20-1 ReLU network of the pages on the 256
  samples of ``handgrad.data.bell()``, with ``handgrad.training.train``;
- ``1-20-1 loop``: the same, with the loop a reader writes,
  ``step(net, net.gradients(X, Y), learning_rate)``;
- ``64-32-10 train()``: a 64-32-10 ReLU network on the 1,797 UCI digits
  shipped in scikit-learn (pixels / 16, one-hot targets);
- ``1-20-1 readable``: the loop with ``forward`` and ``backward``, the
  listings of the pages, in place of ``net.gradients`` (``handgrad.fast``):
  the measured reason that ``handgrad.fast`` exists.

PyTorch runs the same network as ``nn.Sequential`` of ``nn.Linear`` layers,
in two loops: ``torch.optim.SGD`` as its tutorials write it, and a
hand-written update ``p -= learning_rate * p.grad``, which is faster. The
speed-up is against the faster of the two. Both libraries run on one
thread (``torch.set_num_threads(1)``, ``OPENBLAS_NUM_THREADS=1``), so the
comparison does not depend on the cores free at the time.

Every run is repeated, alternating the libraries, and the fastest kept:
other work on the machine can only slow a run down. The final losses must
agree to 1e-12 relative, or the script fails: a comparison is only fair if
both computed the same thing.

    .venv/bin/python benchmarks/bench_train.py      (or: make bench)
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads OpenBLAS

import ctypes
import platform
import sys
import time
from pathlib import Path

import numpy as np

from handgrad.data import bell
from handgrad.losses import mse, mse_gradient
from handgrad.network import Network, backward, forward
from handgrad.training import step, train

try:
    import torch
    from torch import nn
except ImportError:  # pragma: no cover
    sys.exit("bench_train.py compares with PyTorch, not installed: run `make torch`")
try:
    from sklearn.datasets import load_digits
except ImportError:  # pragma: no cover
    sys.exit("bench_train.py needs scikit-learn for the digits: run `make env`")

REPEATS = 5
AGREE = 1e-12  # relative gap allowed between the two final losses (float64)
OPENBLAS_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def bell_problem() -> tuple[np.ndarray, np.ndarray]:
    return bell()


def digits_problem() -> tuple[np.ndarray, np.ndarray]:
    digits = load_digits()
    X = digits.data / 16.0  # pixels 0..16 to 0..1
    Y = np.eye(10)[digits.target]  # one-hot: row i has a 1 in column y_i
    return X, Y


# (name, data, sizes, activations, learning rate, steps, how handgrad trains)
ROWS = [
    ("1-20-1 train()", bell_problem, [1, 20, 1], ["relu", "identity"], 0.05, 2000),
    ("1-20-1 loop", bell_problem, [1, 20, 1], ["relu", "identity"], 0.05, 2000),
    ("64-32-10 train()", digits_problem, [64, 32, 10], ["relu", "identity"], 0.5, 200),
    ("1-20-1 readable", bell_problem, [1, 20, 1], ["relu", "identity"], 0.05, 2000),
]


def by_train(net: Network, X, Y, rate: float, steps: int) -> float:
    return float(train(net, X, Y, learning_rate=rate, steps=steps).loss[-1])


def by_loop(net: Network, X, Y, rate: float, steps: int) -> float:
    for _ in range(steps):
        step(net, net.gradients(X, Y), rate)
    return net.loss(X, Y)


def by_readable_passes(net: Network, X, Y, rate: float, steps: int) -> float:
    for _ in range(steps):
        Z, A = forward(net, X)
        step(net, backward(net, Z, A, mse_gradient(A[-1], Y)), rate)
    return mse(net(X), Y)


HOW = {
    "1-20-1 train()": by_train,
    "1-20-1 loop": by_loop,
    "64-32-10 train()": by_train,
    "1-20-1 readable": by_readable_passes,
}


def handgrad_run(row: tuple) -> tuple[float, float]:
    """Seconds per step and the final loss, for handgrad."""
    name, problem, sizes, names, rate, steps = row
    X, Y = problem()
    net = Network.init(sizes, names, seed=1)
    start = time.perf_counter()
    final = HOW[name](net, X, Y, rate, steps)
    return (time.perf_counter() - start) / steps, final


def torch_run(row: tuple, optimizer: bool) -> tuple[float, float]:
    """Seconds per step and the final loss, for PyTorch from the same weights."""
    _, problem, sizes, names, rate, steps = row
    X, Y = problem()
    net = Network.init(sizes, names, seed=1)
    layers: list[nn.Module] = []
    for W, b, f in zip(net.W, net.b, net.activations, strict=True):
        linear = nn.Linear(*W.shape).double()
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W.T.copy()))  # torch keeps (out, in)
            linear.bias.copy_(torch.from_numpy(b))
        layers += [linear] + ([nn.ReLU()] if f.name == "relu" else [])
    model = nn.Sequential(*layers)
    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)
    loss_fn = nn.MSELoss()
    params = list(model.parameters())
    sgd = torch.optim.SGD(params, lr=rate)
    start = time.perf_counter()
    for _ in range(steps):
        if optimizer:
            sgd.zero_grad()
            loss_fn(model(Xt), Yt).backward()
            sgd.step()
        else:
            loss = loss_fn(model(Xt), Yt)
            for p in params:
                p.grad = None
            loss.backward()
            with torch.no_grad():
                for p in params:
                    p -= rate * p.grad
    seconds = (time.perf_counter() - start) / steps
    with torch.no_grad():
        return seconds, loss_fn(model(Xt), Yt).item()


def best_of(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return min(t for t, _ in runs), runs[0][1]


def numpy_blas() -> str:
    """NumPy's BLAS and the kernel it runs, by threadpoolctl if installed."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:  # pragma: no cover
        return bundled_openblas()
    for info in threadpool_info():
        if info["user_api"] == "blas" and "numpy" in info["filepath"]:
            kernel = info.get("architecture", "?")
            return (
                f"{info['internal_api']} {info['version']}, {kernel} kernel, "
                f"{info['num_threads']} thread(s)"
            )
    return "unknown (threadpoolctl found no BLAS of NumPy's)"  # pragma: no cover


def bundled_openblas() -> str:  # pragma: no cover - only without threadpoolctl
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
        f"Full-batch gradient descent, float64, best of {REPEATS} runs each\n"
        f"NumPy {np.__version__}, PyTorch {torch.__version__} (CPU, 1 thread), "
        f"Python {platform.python_version()}\n"
        f"NumPy's BLAS: {numpy_blas()}; "
        f"{' '.join(forced) if forced else 'no OPENBLAS_CORETYPE/L2_SIZE set'}\n"
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores\n"
    )
    print(
        f"{'row':18} {'steps':>6} {'handgrad':>10} {'torch SGD':>10} "
        f"{'torch p-=':>10} {'speed-up':>9}  final loss (gap)"
    )
    print(f"{'':18} {'':>6} {'µs/step':>10} {'µs/step':>10} {'µs/step':>10}")
    failed = False
    for row in ROWS:
        ours, sgd, manual = [], [], []
        for _ in range(REPEATS):  # alternate, so slow spells hit all alike
            ours.append(handgrad_run(row))
            sgd.append(torch_run(row, optimizer=True))
            manual.append(torch_run(row, optimizer=False))
        (t_ours, loss_ours), (t_sgd, loss_sgd), (t_manual, loss_manual) = (
            best_of(ours),
            best_of(sgd),
            best_of(manual),
        )
        gap = max(abs(loss_ours - loss) / abs(loss) for loss in (loss_sgd, loss_manual))
        print(
            f"{row[0]:18} {row[5]:>6} {t_ours * 1e6:10.1f} {t_sgd * 1e6:10.1f} "
            f"{t_manual * 1e6:10.1f} {min(t_sgd, t_manual) / t_ours:8.2f}x  "
            f"{loss_ours:.6g} ({gap:.0e})"
        )
        if gap > AGREE:
            failed = True
            print(f"  the final losses differ by {gap:.2g} relative (> {AGREE:g})")
    if failed:
        sys.exit("handgrad and PyTorch did not end at the same loss: not comparable")


if __name__ == "__main__":
    main()
