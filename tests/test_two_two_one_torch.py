"""The 2-2-1 network against PyTorch autograd, in float64.

The same parameters and data go through :mod:`handgrad.two_two_one` and
through the same formulas written in PyTorch; PyTorch's autograd supplies
the gradient independently of our backward pass. The forward values and the
gradients must agree to 1e-10.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handgrad import two_two_one as net

torch = pytest.importorskip("torch", reason="PyTorch not installed: run `make torch`")

PARAMS = ["W1", "b1", "W2", "b2"]
SHAPES = {"W1": (2, 2), "b1": (2,), "W2": (2, 1), "b2": (1,)}
# Both sides compute in float64 with differently ordered sums; their values
# agree to about 1e-16 and 1e-10 leaves a wide margin.
TOL = 1e-10


def problem(seed, m):
    rng = np.random.default_rng(seed)
    params = net.Params(**{k: rng.standard_normal(s) for k, s in SHAPES.items()})
    return params, rng.uniform(-3, 3, (m, 2)), rng.uniform(0, 1, (m, 1))


def torch_forward(params, X, Y):
    """The network in PyTorch, returning its tensors and the loss."""
    leaves = {
        k: torch.tensor(getattr(params, k), dtype=torch.float64, requires_grad=True)
        for k in PARAMS
    }
    X = torch.tensor(X, dtype=torch.float64)
    Y = torch.tensor(Y, dtype=torch.float64)
    Z1 = X @ leaves["W1"] + leaves["b1"]
    A1 = torch.sigmoid(Z1)
    Z2 = A1 @ leaves["W2"] + leaves["b2"]
    A2 = torch.sigmoid(Z2)
    loss = torch.nn.functional.mse_loss(A2, Y)
    return leaves, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}, loss


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 8))
def test_forward_values_match_pytorch(seed, m):
    params, X, Y = problem(seed, m)
    _, expected, expected_loss = torch_forward(params, X, Y)
    cache = net.forward(params, X)
    for name, tensor in expected.items():
        np.testing.assert_allclose(
            getattr(cache, name), tensor.detach().numpy(), rtol=TOL, atol=TOL
        )
    assert net.loss(params, X, Y) == pytest.approx(expected_loss.item(), rel=TOL)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 8))
def test_gradients_match_pytorch_autograd(seed, m):
    params, X, Y = problem(seed, m)
    leaves, _, loss = torch_forward(params, X, Y)
    loss.backward()
    grads = net.backward(params, net.forward(params, X), Y)
    for name in PARAMS:
        np.testing.assert_allclose(
            getattr(grads, f"dC_d{name}"),
            leaves[name].grad.numpy(),
            rtol=TOL,
            atol=TOL,
        )


def test_training_matches_pytorch_sgd():
    X, Y = np.array(net.EXAMPLE_X), np.array(net.EXAMPLE_Y)
    start = net.init_params(seed=3)
    fit = net.train(start, X, Y, learning_rate=0.5, steps=20)

    leaves = {
        k: torch.tensor(getattr(start, k), dtype=torch.float64, requires_grad=True)
        for k in PARAMS
    }
    optimizer = torch.optim.SGD(leaves.values(), lr=0.5)
    torch_losses = []
    for _ in range(20):
        optimizer.zero_grad()
        A1 = torch.sigmoid(torch.tensor(X) @ leaves["W1"] + leaves["b1"])
        A2 = torch.sigmoid(A1 @ leaves["W2"] + leaves["b2"])
        loss = torch.nn.functional.mse_loss(A2, torch.tensor(Y))
        loss.backward()
        optimizer.step()
        torch_losses.append(loss.item())

    # PyTorch records the loss before each update; fit.loss also has the last.
    np.testing.assert_allclose(fit.loss[:-1], torch_losses, rtol=TOL, atol=TOL)
    for name in PARAMS:
        np.testing.assert_allclose(
            getattr(fit.params, name), leaves[name].detach().numpy(), rtol=TOL, atol=TOL
        )
