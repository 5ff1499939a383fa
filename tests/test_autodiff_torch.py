"""The autodiff engine against PyTorch's autograd, in float64, to 1e-10.

Random expressions and random small networks, built once with values and
once with PyTorch tensors (the same code runs on both: ``a.tanh()``,
``a ** 2``, ...), must agree in value and in every leaf's gradient.
Skipped where PyTorch is not installed (``make torch`` adds it).
"""

import numpy as np
import pytest

from handgrad.autodiff import Value
from handgrad.network import Network
from handgrad.value_network import ValueNetwork

torch = pytest.importorskip("torch", reason="PyTorch not installed: run `make torch`")

TOL = 1e-10

# Each operation keeps its result in a range where the next one is defined.
UNARY = [
    lambda a: a.tanh(),
    lambda a: a.sigmoid(),
    lambda a: a.relu(),
    lambda a: (a.tanh() * 2).exp(),
    lambda a: (a * a + 1).log(),
    lambda a: a**2,
    lambda a: (a.sigmoid() + 0.5) ** 0.5,
    lambda a: -a,
]
BINARY = [
    lambda a, b: a + b,
    lambda a, b: a - b,
    lambda a, b: a * b,
    lambda a, b: a / (b * b + 1),
    lambda a, b: 2.0 - a * 0.5 + b,
]


def random_expression(seed, leaves):
    """A function that builds one random expression of its three leaves."""
    rng = np.random.default_rng(seed)
    plan = []
    for n in range(3, 15):
        if rng.random() < 0.4:
            plan.append((UNARY[rng.integers(len(UNARY))], rng.integers(n, size=1)))
        else:
            plan.append((BINARY[rng.integers(len(BINARY))], rng.integers(n, size=2)))

    def build(*xs):
        pool = list(xs)
        for op, picks in plan:
            pool.append(op(*(pool[i] for i in picks)))
        return pool[-1] + pool[-2] * pool[-3] + sum(pool[:3])

    return build


@pytest.mark.parametrize("seed", range(40))
def test_random_expression_matches_pytorch(seed):
    x = np.random.default_rng(1000 + seed).uniform(-2, 2, 3)
    build = random_expression(seed, 3)
    ours = [Value(float(v)) for v in x]
    out = build(*ours)
    out.backward()
    theirs = [
        torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for v in x
    ]
    reference = build(*theirs)
    reference.backward()
    assert out.data == pytest.approx(reference.item(), rel=TOL, abs=TOL)
    for v, t in zip(ours, theirs, strict=True):
        assert v.grad == pytest.approx(t.grad.item(), rel=TOL, abs=TOL)


TORCH = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu}


@pytest.mark.parametrize(
    ("sizes", "names"),
    [
        ([2, 2, 1], ["sigmoid", "sigmoid"]),
        ([1, 20, 1], ["tanh", "identity"]),
        ([3, 4, 2], ["relu", "sigmoid"]),
        ([2, 3, 3, 1], ["tanh", "relu", "identity"]),
    ],
)
@pytest.mark.parametrize("seed", [0, 1])
def test_random_network_matches_pytorch(sizes, names, seed):
    rng = np.random.default_rng(seed)
    net = Network.init(sizes, names, seed=seed)
    X = rng.standard_normal((4, sizes[0]))
    Y = rng.standard_normal((4, sizes[-1]))
    values = ValueNetwork(net)
    C = values.loss(X, Y)
    dC_dW, dC_db = values.gradients(X, Y)
    W = [torch.tensor(w, requires_grad=True) for w in net.W]
    b = [torch.tensor(v, requires_grad=True) for v in net.b]
    A = torch.tensor(X)
    for W_l, b_l, name in zip(W, b, names, strict=True):
        Z = A @ W_l + b_l
        A = TORCH[name](Z) if name in TORCH else Z
    loss = torch.mean((A - torch.tensor(Y)) ** 2)
    loss.backward()
    assert C.data == pytest.approx(loss.item(), rel=TOL)
    for ours, t in zip(dC_dW + dC_db, W + b, strict=True):
        np.testing.assert_allclose(ours, t.grad.numpy(), rtol=TOL, atol=TOL)
