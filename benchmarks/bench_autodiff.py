"""Time the autodiff engine's backward() against PyTorch's, on the same scalar graph.

Each row builds the mean squared error of a network on one graph of single
numbers: once with :class:`handgrad.value_network.ValueNetwork` (one
:class:`handgrad.autodiff.Value` per number), once with PyTorch, one 0-d
float64 tensor per number and the same operations in the same order. Then
it times one ``backward()`` on each graph, built once and swept many times
(the engine's ``backward()`` starts afresh; PyTorch's keeps its graph with
``retain_graph=True``), and the forward pass that builds the graph.

Rows: the 2-2-1 sigmoid network of the pages on its one example, the 1-20-1
tanh network on one sample and on 16, and wider networks, to find where
the ratio crosses 1. A last column times PyTorch's backward() on the same
network written with whole arrays, as one would use it. The gradients of
both scalar graphs must agree to 1e-10, or the script fails. PyTorch runs
on one thread. Every timing is the fastest of several runs: other work on
the machine only slows a run down.

    .venv/bin/python benchmarks/bench_autodiff.py      (or: make bench)
"""

from __future__ import annotations

import sys
import time

import numpy as np

from handgrad import two_two_one
from handgrad.data import bell
from handgrad.network import Network
from handgrad.value_network import ValueNetwork

try:
    import torch
except ImportError:  # pragma: no cover
    sys.exit("bench_autodiff.py compares with PyTorch, not installed: run `make torch`")

REPEATS = 5
AGREE = 1e-10
TORCH = {
    "identity": lambda z: z,
    "relu": torch.relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
}


def torch_loss(W, b, names, X, Y):
    """The loss of ValueNetwork.loss, on 0-d tensors, in the same order."""
    errors = []
    for x, y in zip(X.tolist(), Y.tolist(), strict=True):
        A = list(x)
        for W_l, b_l, name in zip(W, b, names, strict=True):
            Z = []
            for k in range(len(b_l)):
                z = b_l[k]
                for j in range(len(A)):
                    z = z + A[j] * W_l[j][k]
                Z.append(z)
            A = [TORCH[name](z) for z in Z]
        for a, target in zip(A, y, strict=True):
            errors.append((a - target) ** 2)
    return sum(errors[1:], errors[0]) / len(errors)


def fastest(run, calls):
    """Seconds per call of ``run``: the fastest of REPEATS runs of ``calls``."""
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(calls):
            run()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def row(name, net, X, Y):
    values = ValueNetwork(net)
    C = values.loss(X, Y)
    leaf = lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True)  # noqa: E731
    W = [[[leaf(w) for w in row] for row in W_l.tolist()] for W_l in net.W]
    b = [[leaf(v) for v in b_l.tolist()] for b_l in net.b]
    names = [f.name for f in net.activations]
    loss = torch_loss(W, b, names, X, Y)

    C.backward()
    loss.backward(retain_graph=True)
    ours = [p.grad for p in values.parameters()]
    theirs = [
        t.grad.item()
        for W_l, b_l in zip(W, b, strict=True)
        for t in [*(w for r in W_l for w in r), *b_l]
    ]
    if not np.allclose(ours, theirs, rtol=AGREE, atol=AGREE):
        sys.exit(f"{name}: the gradients differ by more than {AGREE:g}")

    nodes = len(C.topological_order())
    calls = max(3, 20_000 // nodes)
    t_ours = fastest(C.backward, calls)
    t_theirs = fastest(lambda: loss.backward(retain_graph=True), calls)
    f_ours = fastest(lambda: values.loss(X, Y), max(2, calls // 4))
    f_theirs = fastest(lambda: torch_loss(W, b, names, X, Y), max(2, calls // 4))
    t_arrays = fastest(array_backward(net, X, Y), calls)
    print(
        f"{name:<20} {net.n_parameters:>6} {nodes:>6}"
        f" {t_ours * 1e6:>9.0f} {t_theirs * 1e6:>9.0f} {t_theirs / t_ours:>6.2f}"
        f" {f_ours * 1e6:>9.0f} {f_theirs * 1e6:>9.0f} {f_theirs / f_ours:>6.2f}"
        f" {t_arrays * 1e6:>9.0f}"
    )


def array_backward(net, X, Y):
    """PyTorch's backward() on the same network written with whole arrays."""
    W = [torch.tensor(w, requires_grad=True) for w in net.W]
    b = [torch.tensor(v, requires_grad=True) for v in net.b]
    A = torch.tensor(X)
    for W_l, b_l, f in zip(W, b, net.activations, strict=True):
        A = TORCH[f.name](A @ W_l + b_l)
    loss = torch.mean((A - torch.tensor(Y)) ** 2)
    return lambda: loss.backward(retain_graph=True)


def main():
    torch.set_num_threads(1)
    print(
        f"handgrad.autodiff against PyTorch {torch.__version__} (one thread), "
        "float64, the same scalar graph; times in microseconds, fastest of "
        f"{REPEATS}; ratio = PyTorch / engine (above 1: the engine is faster); "
        "arrays = PyTorch's backward() on the same network as matrices"
    )
    print(
        f"{'network':<20} {'params':>6} {'values':>6}"
        f" {'backward':>9} {'torch':>9} {'ratio':>6}"
        f" {'forward':>9} {'torch':>9} {'ratio':>6} {'arrays':>9}"
    )
    params = two_two_one.init_params()
    net = Network([params.W1, params.W2], [params.b1, params.b2], ["sigmoid"] * 2)
    X, Y = np.array(two_two_one.EXAMPLE_X), np.array(two_two_one.EXAMPLE_Y)
    row("2-2-1, 1 sample", net, X, Y)
    X16, Y16 = bell(16)
    for h, m in [(20, 1), (20, 16), (100, 16), (300, 16)]:
        net = Network.init([1, h, 1], ["tanh", "identity"])
        row(f"1-{h}-1, {m} sample{'s' if m > 1 else ''}", net, X16[:m], Y16[:m])


if __name__ == "__main__":
    main()
