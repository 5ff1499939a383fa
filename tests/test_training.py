"""Gradient descent for the general network: the step, the loop, their errors."""

import numpy as np
import pytest

from handgrad.data import bell
from handgrad.fit import DivergenceError, Fit
from handgrad.linear import least_squares, line_mse
from handgrad.network import Network
from handgrad.training import step, train

X_BELL, Y_BELL = bell()
NOISE_FLOOR = 0.05**2  # the variance of the noise in bell(): no fit does better


def test_relu_network_fits_the_bell_near_the_noise_floor():
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    fit = train(net, X_BELL, Y_BELL, learning_rate=0.05, steps=5_000)
    assert isinstance(fit, Fit)
    assert fit.params is net
    assert fit.loss.shape == (5_001,)
    assert not fit.converged
    assert fit.loss[0] > 1.0
    assert fit.loss[-1] < 2 * NOISE_FLOOR
    assert fit.loss[-1] == net.loss(X_BELL, Y_BELL)


def test_a_straight_line_cannot_fit_the_bell():
    line = Network.init([1, 1], ["identity"], seed=0)
    fit = train(line, X_BELL, Y_BELL, learning_rate=0.1, steps=1_000)
    best_line = line_mse(
        X_BELL[:, 0], Y_BELL[:, 0], *least_squares(X_BELL[:, 0], Y_BELL[:, 0])
    )
    assert fit.loss[-1] == pytest.approx(best_line, rel=1e-9)
    assert fit.loss.min() > 20 * 2 * NOISE_FLOOR


def test_train_is_the_loop_a_reader_writes():
    X, Y = X_BELL[::8], Y_BELL[::8]
    trained = Network.init([1, 5, 1], ["tanh", "identity"], seed=2)
    by_hand = Network.init([1, 5, 1], ["tanh", "identity"], seed=2)
    fit = train(trained, X, Y, learning_rate=0.1, steps=50)
    losses = []
    for _ in range(50):
        losses.append(by_hand.loss(X, Y))
        step(by_hand, by_hand.gradients(X, Y), learning_rate=0.1)
    losses.append(by_hand.loss(X, Y))
    np.testing.assert_array_equal(fit.loss, losses)
    for ours, theirs in zip(trained.W + trained.b, by_hand.W + by_hand.b, strict=True):
        np.testing.assert_array_equal(ours, theirs)


def test_step_moves_every_parameter_against_its_gradient():
    net = Network.init([2, 3, 1], ["sigmoid", "identity"], seed=5)
    X, Y = np.eye(2), np.ones((2, 1))
    before = [p.copy() for p in net.W + net.b]
    dC_dW, dC_db = net.gradients(X, Y)
    step(net, (dC_dW, dC_db), learning_rate=0.1)
    for after, start, grad in zip(net.W + net.b, before, dC_dW + dC_db, strict=True):
        np.testing.assert_array_equal(after, start - 0.1 * grad)


def test_a_too_large_learning_rate_is_named_not_a_nan():
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=0)
    with pytest.raises(DivergenceError, match=r"at step \d+ with learning_rate=1"):
        train(net, X_BELL, Y_BELL, learning_rate=1.0, steps=100)


def test_a_step_out_of_the_floats_raises_and_leaves_the_network_as_it_was():
    # The case: a learning rate of 1e308 filled the weights with inf.
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    before = [p.copy() for p in net.W + net.b]
    gradients = net.gradients(X_BELL, Y_BELL)
    with pytest.raises(DivergenceError, match=r"learning_rate=1e\+308 moves W\[0\]"):
        step(net, gradients, learning_rate=1e308)
    for after, start in zip(net.W + net.b, before, strict=True):
        np.testing.assert_array_equal(after, start)
    assert np.isfinite(net(X_BELL)).all()


NET = Network.init([2, 3, 1], ["tanh", "identity"], seed=0)
X_OK, Y_OK = np.ones((4, 2)), np.ones((4, 1))


@pytest.mark.parametrize(
    ("learning_rate", "error"),
    [(0.0, ValueError), (-0.1, ValueError), (np.nan, ValueError), (np.inf, ValueError),
     ("0.1", TypeError), (None, TypeError), (True, TypeError)],
    ids=["zero", "negative", "nan", "inf", "text", "none", "bool"],
)  # fmt: skip
def test_bad_learning_rate_is_rejected(learning_rate, error):
    with pytest.raises(error, match="learning_rate must be a positive"):
        train(NET, X_OK, Y_OK, learning_rate=learning_rate, steps=1)
    with pytest.raises(error, match="learning_rate must be a positive"):
        step(NET, NET.gradients(X_OK, Y_OK), learning_rate)


@pytest.mark.parametrize(
    ("steps", "error"),
    [(0, ValueError), (-3, ValueError), (2.5, TypeError), (None, TypeError)],
    ids=["zero", "negative", "float", "none"],
)
def test_bad_steps_are_rejected(steps, error):
    with pytest.raises(error, match="steps must be"):
        train(NET, X_OK, Y_OK, learning_rate=0.1, steps=steps)


def test_train_and_step_need_a_network():
    with pytest.raises(TypeError, match="net must be a Network, got None"):
        train(None, X_OK, Y_OK, learning_rate=0.1, steps=1)
    with pytest.raises(TypeError, match="net must be a Network, got None"):
        step(None, NET.gradients(X_OK, Y_OK), 0.1)


def test_train_checks_the_data():
    with pytest.raises(ValueError, match=r"Y must have 1 column\(s\)"):
        train(NET, X_OK, np.ones((4, 2)), learning_rate=0.1, steps=1)
    with pytest.raises(ValueError, match="X and Y must have the same number"):
        train(NET, X_OK, np.ones((3, 1)), learning_rate=0.1, steps=1)


def test_step_needs_gradients_shaped_like_the_parameters():
    dC_dW, dC_db = NET.gradients(X_OK, Y_OK)
    with pytest.raises(ValueError, match=r"dC_dW\[0\] must have the shape of its"):
        step(NET, (dC_dW[::-1], dC_db), 0.1)
    with pytest.raises(ValueError, match="dC_db must hold 2 arrays, got 1"):
        step(NET, (dC_dW, dC_db[:1]), 0.1)
    with pytest.raises(TypeError, match=r"gradients must be a pair \(dC_dW, dC_db\)"):
        step(NET, None, 0.1)
    with pytest.raises(TypeError, match="dC_dW must be a list of arrays, got None"):
        step(NET, (None, dC_db), 0.1)
    with pytest.raises(TypeError, match=r"dC_db\[1\] must be numbers, got None"):
        step(NET, (dC_dW, [dC_db[0], None]), 0.1)


def test_step_rejects_non_finite_gradients_and_leaves_the_network():
    dC_dW, dC_db = NET.gradients(X_OK, Y_OK)
    before = [p.copy() for p in NET.W + NET.b]
    with pytest.raises(ValueError, match=r"dC_dW\[0\] must be finite"):
        step(NET, ([np.full((2, 3), np.nan), dC_dW[1]], dC_db), 0.1)
    for after, start in zip(NET.W + NET.b, before, strict=True):
        np.testing.assert_array_equal(after, start)


def test_step_rejects_a_network_whose_parameters_are_not_finite():
    net = Network.init([2, 3, 1], ["tanh", "identity"], seed=0)
    gradients = net.gradients(X_OK, Y_OK)
    net.b[0][1] = np.inf
    with pytest.raises(ValueError, match=r"b\[0\] must be finite"):
        step(net, gradients, 0.1)
