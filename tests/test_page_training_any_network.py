"""Claims of docs/training-any-network.md, checked against the library.

The 1-20-1 network of docs/any-network.md, trained on the bell data: its
decimals come from docs/values/training-any-network.py at build time; the
claims made around them (falls, climbs, recovers, the same bottom, below a
limit) and the exact numbers written in the text are checked here.
"""

from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from page_facts import asks_for, code, formulas, page_values, states

from handgrad.data import bell
from handgrad.losses import mse, mse_gradient
from handgrad.network import Network, backward, forward
from handgrad.training import step, train

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGE = (DOCS / "training-any-network.md").read_text()


@pytest.fixture(scope="module")
def values():
    return page_values("training-any-network")


def test_parameter_count_of_the_deeper_network_written_on_the_page():
    # Exercise 1: (1, 20, 20, 1).
    def count(sizes):
        return sum((a + 1) * b for a, b in pairwise(sizes))

    deep = Network.init([1, 20, 20, 1], ["relu", "relu", "identity"])
    assert count([1, 20, 20, 1]) == deep.n_parameters
    assert count([1, 20, 20, 1]) == (1 + 1) * 20 + (20 + 1) * 20 + (20 + 1) * 1 == 481
    assert states(PAGE, r"(20 + 1) \cdot 20 + (20 + 1) \cdot 1 = 481")


def test_noise_floor_is_the_variance_of_the_noise():
    assert abs(0.05**2 - 0.0025) < 1e-15
    assert "0.05^2=0.0025" in formulas(PAGE)
    X, Y = bell()
    assert np.mean((np.exp(-(X**2)) - Y) ** 2) == pytest.approx(0.0025, rel=0.1)


def test_training_claims(values):
    v = values
    assert v["loss_0"] > v["loss_100"] > v["loss_1000"] > v["loss_5000"]
    assert v["loss_0"] > 1  # the fence's claim: fit.loss[0] > 1
    assert v["loss_5000"] < 2 * v["noise_floor"]
    assert v["loss_5000"] == pytest.approx(0.0032, abs=5e-5)  # as tests/test_network.py
    # "after only {{ steps_to_beat_line }} steps": the first step count below it,
    # well within the 100 the fence asserts.
    assert 0 < v["steps_to_beat_line"] <= 10
    assert "steps_to_beat_line" in asks_for(PAGE)


def test_training_in_chunks_follows_one_run():
    # The figure's script pauses at its snapshots; that must not change the run.
    X, Y = bell()
    one = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    whole = train(one, X, Y, learning_rate=0.05, steps=1_000).loss
    two = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    first = train(two, X, Y, learning_rate=0.05, steps=100).loss
    second = train(two, X, Y, learning_rate=0.05, steps=900).loss
    assert first[-1] == second[0]
    np.testing.assert_array_equal(np.concatenate([first[:-1], second]), whole)
    for a, b in zip(one.W + one.b, two.W + two.b, strict=True):
        np.testing.assert_array_equal(a, b)


def test_train_is_step_in_a_loop_and_the_readable_passes_give_its_numbers():
    # train repeats net.gradients (handgrad.fast) and step; forward and
    # backward, the listings of the page, give the same numbers.
    X, Y = bell()
    trained = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    fit = train(trained, X, Y, learning_rate=0.05, steps=20)
    by_hand = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    costs = []
    for _ in range(20):
        Z, A = forward(by_hand, X)
        costs.append(mse(A[-1], Y))
        step(by_hand, backward(by_hand, Z, A, mse_gradient(A[-1], Y)), 0.05)
    costs.append(by_hand.loss(X, Y))
    np.testing.assert_allclose(fit.loss, costs, rtol=1e-12)
    for a, b in zip(trained.W + trained.b, by_hand.W + by_hand.b, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


def test_the_untrained_curve_is_two_straight_pieces_meeting_at_zero():
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    assert not np.any(net.b[0])  # every bias starts at 0
    assert not np.any(net.b[1])
    x = np.linspace(0.1, 3, 30)[:, None]
    right = net(x)[:, 0] / x[:, 0]
    left = net(-x)[:, 0] / -x[:, 0]
    np.testing.assert_allclose(right, right[0], rtol=1e-12)  # one slope for x > 0
    np.testing.assert_allclose(left, left[0], rtol=1e-12)  # one slope for x < 0
    assert net([[0.0]])[0, 0] == 0.0
    assert right[0] < left[0] < 0  # falling, more steeply to the right


def test_seed_zero_climbs_in_the_first_steps_then_recovers(values):
    v = values
    assert v["seed0_peak"] > 100 * v["seed0_start"]  # "climbs"
    assert v["seed0_peak_step"] < 10  # in the first steps
    assert v["seed0_final"] < v["line_loss"]  # it recovers
    assert v["seed0_final"] > 2 * v["loss_5000"]  # but ends higher than seed 1


def test_seed_zero_spike_is_overshoot_and_the_run_catches_up(values):
    v = values
    assert abs(v["seed0_limit"] - 2 / v["seed0_curvature"]) < 1e-12
    assert v["SMALL_RATE"] < v["seed0_limit"] < v["LEARNING_RATE"]
    assert v["seed0_small_rate_falls"]  # below the limit: no spike
    assert abs(v["seed0_long"] / v["seed1_long"] - 1) < 0.05  # the same bottom


def test_swapping_hidden_units_keeps_the_cost_and_halfway_is_worse():
    # Exercise 2: the cost is not a single bowl.
    X, Y = bell()
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    train(net, X, Y, learning_rate=0.05, steps=5_000)
    order = np.arange(20)
    order[[10, 13]] = [13, 10]
    swapped = Network(
        [net.W[0][:, order], net.W[1][order]],
        [net.b[0][order], net.b[1]],
        ["relu", "identity"],
    )
    assert swapped.loss(X, Y) == pytest.approx(net.loss(X, Y), rel=1e-12)
    halfway = Network(
        [(a + b) / 2 for a, b in zip(net.W, swapped.W, strict=True)],
        [(a + b) / 2 for a, b in zip(net.b, swapped.b, strict=True)],
        ["relu", "identity"],
    )
    assert halfway.loss(X, Y) > 10 * max(net.loss(X, Y), swapped.loss(X, Y))


def test_deeper_network_reaches_the_noise_floor(values):
    # Exercise 1: at the floor, and below the true curve's own cost.
    assert values["deep_parameters"] == 481
    assert values["deep_loss"] == pytest.approx(0.0025, rel=0.05)
    assert values["deep_loss"] < values["true_curve_loss"]


def test_float32_claims(values):
    assert np.dtype(np.float32).itemsize * 2 == np.dtype(np.float64).itemsize  # halves
    assert round(values["float32_digits"]) == 7
    assert round(values["float64_digits"]) == 16
    assert values["float32_largest_gap"] < 1e-4  # the fence's bound


def test_pytorch_snippets_are_marked_and_announced():
    marker = "<!--pytest-codeblocks:importorskip(torch)-->\n```python\n"
    assert PAGE.count(marker) == 2
    assert "from torch import nn" in PAGE.split(marker)[1]
    assert "`pip install torch`" in PAGE  # how to get it
    # nn.Linear stores (out, in), the transpose of our W: copied in as W.T.
    assert any("layer.weight.copy_(torch.from_numpy(W.T))" in c for c in code(PAGE))


def _first_step(learning_rate):
    """Exercise 3: the cost before one step from seed 1, the first-order
    prediction C - eta * sum of the squared gradients, and the cost after."""
    X, Y = bell()
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    dC_dW, dC_db = net.gradients(X, Y)
    squares = sum((g**2).sum() for g in dC_dW + dC_db)
    before = net.loss(X, Y)
    after = train(net, X, Y, learning_rate=learning_rate, steps=1).loss[1]
    return before, before - learning_rate * squares, after


def test_the_first_order_change_is_minus_eta_times_the_squared_gradient():
    # Exercise 3's derivation: the slope of the cost along the step, at
    # eta = 0, is minus the sum of the squared gradients (a central
    # difference in eta, which does not use the derivation).
    X, Y = bell()
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    dC_dW, dC_db = net.gradients(X, Y)

    def cost_after(eta):
        moved = Network(
            [W - eta * g for W, g in zip(net.W, dC_dW, strict=True)],
            [b - eta * g for b, g in zip(net.b, dC_db, strict=True)],
            ["relu", "identity"],
        )
        return moved.loss(X, Y)

    # Small enough that no hidden unit's pre-activation crosses ReLU's kink,
    # large enough for float64 rounding.
    h = 1e-8
    Z1 = X @ net.W[0] + net.b[0]
    assert np.abs(Z1).min() > h * np.abs(X @ dC_dW[0] + dC_db[0]).max()
    slope = (cost_after(h) - cost_after(-h)) / (2 * h)
    squares = sum((g**2).sum() for g in dC_dW + dC_db)
    assert slope == pytest.approx(-squares, rel=1e-6)


def test_the_first_order_prediction_holds_for_a_small_step_only():
    before, predicted, after = _first_step(0.001)
    assert after < before
    assert abs(predicted - after) < 0.05 * (before - after)  # "close"
    before, predicted, after = _first_step(0.05)
    assert predicted < 0  # "a negative cost"
    assert after < before  # "the step still lowers the cost"
    assert before - after < (before - predicted) / 2  # "by far less"
