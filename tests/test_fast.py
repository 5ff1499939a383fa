"""handgrad.fast: the same numbers as the readable passes of handgrad.network."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from handgrad.losses import mse, mse_gradient
from handgrad.network import Network, backward, forward
from handgrad.training import step

# The two compute the same sums in a different order (the bias folded into
# the product, sigma' from A instead of Z): they differ by rounding, a few
# units of 1e-16 relative, far below the 1e-12 the issue asks for.
RTOL, ATOL = 1e-12, 1e-15
NAMES = ["sigmoid", "relu", "tanh", "identity"]


@st.composite
def problems(draw):
    """A network of 1-4 layers of 1-6 units of any activations, m = 1-9 samples."""
    sizes = draw(st.lists(st.integers(1, 6), min_size=2, max_size=5))
    names = [draw(st.sampled_from(NAMES)) for _ in sizes[1:]]
    net = Network.init(sizes, names, seed=draw(st.integers(0, 2**32 - 1)))
    rng = np.random.default_rng(draw(st.integers(0, 99)))
    for array in net.W + net.b:
        array[...] = rng.uniform(-2, 2, array.shape)
    m = draw(st.integers(1, 9))
    unit = st.floats(-3, 3)
    X = draw(arrays(np.float64, (m, sizes[0]), elements=unit))
    Y = draw(arrays(np.float64, (m, sizes[-1]), elements=unit))
    return net, X, Y


def readable(net, X, Y):
    Z, A = forward(net, X)
    return mse(A[-1], Y), backward(net, Z, A, mse_gradient(A[-1], Y))


@settings(max_examples=100, deadline=None)
@given(problems())
def test_the_workspace_gives_the_numbers_of_the_readable_passes(problem):
    net, X, Y = problem
    loss, (dC_dW, dC_db) = readable(net, X, Y)
    fast_loss, (fast_dW, fast_db) = net.loss_and_gradients(X, Y)
    assert fast_loss == pytest.approx(loss, rel=RTOL, abs=ATOL)
    for ours, theirs in zip(fast_dW + fast_db, dC_dW + dC_db, strict=True):
        assert ours.shape == theirs.shape
        np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=ATOL)


def test_float32_gives_the_float64_numbers_to_float32_precision():
    net = Network.init([3, 5, 2], ["tanh", "identity"], seed=2)
    net32 = Network(net.W, net.b, ["tanh", "identity"], dtype=np.float32)
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((8, 3)), rng.standard_normal((8, 2))
    _, (dC_dW, _) = readable(net, X, Y)
    _, (fast_dW, _) = net32.loss_and_gradients(X, Y)
    for ours, theirs in zip(fast_dW, dC_dW, strict=True):
        assert ours.dtype == np.float32
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


def test_the_returned_gradients_are_new_arrays_every_time():
    net = Network.init([1, 4, 1], ["relu", "identity"], seed=0)
    X, Y = np.linspace(-1, 1, 6)[:, None], np.ones((6, 1))
    first = net.gradients(X, Y)
    kept = [g.copy() for g in first[0] + first[1]]
    second = net.gradients(2 * X, -Y)  # refills the workspace
    for g, before in zip(first[0] + first[1], kept, strict=True):
        np.testing.assert_array_equal(g, before)
    assert not np.array_equal(first[0][0], second[0][0])


def test_a_new_batch_size_gets_a_new_workspace():
    net = Network.init([2, 3, 1], ["sigmoid", "identity"], seed=0)
    rng = np.random.default_rng(1)
    for m in (5, 2, 5, 1):
        X, Y = rng.standard_normal((m, 2)), rng.standard_normal((m, 1))
        _, (dC_dW, _) = readable(net, X, Y)
        np.testing.assert_allclose(net.gradients(X, Y)[0][0], dC_dW[0], rtol=RTOL)


def test_a_parameter_that_no_output_depends_on_is_caught_by_the_step():
    # W[0][0, 0] = -inf kills ReLU unit 0 for every positive x: the loss and
    # every gradient stay finite, and right for these weights; the step,
    # which checks every parameter it would keep, refuses to go on.
    net = Network.init([1, 2, 1], ["relu", "identity"], seed=0)
    net.W[0][0, 0] = -np.inf
    X, Y = np.array([[1.0], [2.0]]), np.ones((2, 1))
    gradients = net.gradients(X, Y)
    assert all(np.isfinite(g).all() for g in gradients[0] + gradients[1])
    with pytest.raises(ValueError, match=r"W\[0\] must be finite, got NaN or inf"):
        step(net, gradients, learning_rate=0.1)
