"""Claims of docs/why-networks.md, checked against the library.

The page's decimals come from docs/values/why-networks.py at build time; the
claims made around them, the exact numbers written in the text, and the key
picture -- the network's output is exactly the sum of its hidden units'
bent lines, each scaled by its output weight, plus the output bias -- are
checked here.
"""

import inspect
from pathlib import Path

import numpy as np
import pytest
from page_facts import asks_for, code, formulas, page_values

from handgrad import linear
from handgrad.activations import sigmoid
from handgrad.data import bell
from handgrad.network import Network
from handgrad.training import train

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGE = (DOCS / "why-networks.md").read_text()
NOISE_FLOOR = 0.05**2


@pytest.fixture(scope="module")
def values():
    return page_values("why-networks")


@pytest.fixture(scope="module")
def trained():
    """The page's network: 1-20-1 ReLU, seed 1, learning rate 0.05, 5,000 steps."""
    X, Y = bell()
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    train(net, X, Y, learning_rate=0.05, steps=5_000)
    return net


def scaled_units(net, x):
    """Each hidden unit's bent line times its output weight: shape (len(x), 20)."""
    return np.maximum(np.outer(x, net.W[0][0]) + net.b[0], 0.0) * net.W[1][:, 0]


def test_bell_data_is_as_described():
    defaults = inspect.signature(bell).parameters
    assert defaults["n"].default == 256
    assert defaults["noise"].default == 0.05
    X, Y = bell()
    assert X.shape == Y.shape == (256, 1)
    assert X.min() >= -3
    assert X.max() <= 3
    assert {"-3", "3", "0.05"} <= set(formulas(PAGE))  # the range, the noise


def test_noise_floor_is_the_variance_of_the_noise(values):
    assert abs(NOISE_FLOOR - 0.0025) < 1e-15
    assert "0.05^2=0.0025" in formulas(PAGE)
    # "the true curve ... MSE is about the noise's variance"
    assert values["true_curve_loss"] == pytest.approx(NOISE_FLOOR, rel=0.1)


def test_best_line_is_nearly_flat_at_the_mean_and_far_above_the_floor(values):
    v = values
    assert abs(v["line_w"]) < 0.05
    assert abs(v["line_b"] - v["y_mean"]) < 0.01
    assert v["line_loss"] == pytest.approx(0.127, abs=5e-4)  # as tests/test_network.py
    assert v["line_over_floor"] > 40
    # No line does better: least squares is the minimum of the MSE.
    X, Y = bell()
    x, y = X[:, 0], Y[:, 0]
    for db, dw in [(0.01, 0), (-0.01, 0), (0, 0.01), (0, -0.01)]:
        assert (
            linear.line_mse(x, y, v["line_b"] + db, v["line_w"] + dw) > v["line_loss"]
        )


def test_network_has_61_parameters():
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    assert net.n_parameters == (20 + 20) + (20 + 1) == 61
    assert {"20+20", "20+1", "61"} <= set(formulas(PAGE))


def test_network_output_is_the_sum_of_scaled_units_plus_output_bias(trained):
    # docs/why-networks.md: y_hat = Σ_k W2_k1 ReLU(x W1_1k + b1_k) + b2, exactly
    X, _ = bell()
    for x in (X[:, 0], np.linspace(-3, 3, 601), np.linspace(-10, 10, 101)):
        curve = scaled_units(trained, x).sum(axis=1) + trained.b[1][0]
        assert np.max(np.abs(curve - trained(x[:, None])[:, 0])) < 1e-12


def test_each_unit_is_zero_on_one_side_of_its_kink_and_straight_on_the_other(trained):
    # docs/why-networks.md: the kink of unit k is at x = -b1_k / W1_1k
    for w1, b1 in zip(trained.W[0][0], trained.b[0], strict=True):
        kink = -b1 / w1
        distance = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])  # from the kink
        unit = np.maximum((kink + distance) * w1 + b1, 0.0)
        assert unit[2] == pytest.approx(0.0, abs=1e-12)
        on = distance * np.sign(w1) > 0  # right of the kink for w1 > 0, else left
        off = distance * np.sign(w1) < 0
        assert np.all(unit[off] == 0.0)
        # Straight on the other side, rising by |w1| per unit of distance.
        np.testing.assert_allclose(unit[on], abs(w1) * np.abs(distance[on]), rtol=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_slope_change_at_kink_is_abs_w1_times_w2(seed):
    # docs/why-networks.md, exercise 2: at unit k's kink the curve's slope
    # changes by |W1_1k| W2_k1. Checked with one-sided differences either side.
    rng = np.random.default_rng(seed)
    w1, b1, w2 = rng.uniform(-2, 2, 3)
    w1 = w1 if abs(w1) > 0.1 else 1.0
    unit = Network([[[w1]], [[w2]]], [[b1], [0.3]], ["relu", "identity"])
    kink, h = -b1 / w1, 1e-4
    y_left, y0, y_right = unit([[kink - h], [kink], [kink + h]])[:, 0]
    change = (y_right - y0) / h - (y0 - y_left) / h
    assert change == pytest.approx(abs(w1) * w2, rel=1e-6, abs=1e-9)


def test_kinks_started_at_zero_and_spread_over_the_data(values, trained):
    untrained = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    assert np.all(-untrained.b[0] / untrained.W[0][0] == 0.0)  # biases start at 0
    kinks = -trained.b[0] / trained.W[0][0]
    assert values["kinks_inside"] == np.sum(np.abs(kinks) < 3) == 20
    assert values["kinks_near_zero"] == np.sum(np.abs(kinks) < 0.1)
    assert {"kinks_near_zero", "kinks_inside"} <= asks_for(PAGE)
    assert {"0.1", "x=0"} <= set(formulas(PAGE))  # "within 0.1 of x = 0"


def test_the_unit_drawn_alone_is_flipped_shrunk_and_zero_right_of_its_kink(values):
    assert values["fig_unit_w1"] < 0  # zero to the right of its kink
    assert -1 < values["fig_unit_w2"] < 0  # flipped and shrunk
    assert values["fig_unit_kink"] == pytest.approx(
        -values["fig_unit_b1"] / values["fig_unit_w1"]
    )


def test_the_network_beats_the_line_near_the_noise_floor(values):
    v = values
    assert v["net_loss"] == pytest.approx(0.0032, abs=5e-5)  # as tests/test_network.py
    assert v["net_loss"] < v["line_loss"] / 10
    assert 1 < v["net_over_floor"] < 2
    assert v["net_start_loss"] > 1
    assert v["piece_max"] > 2  # "the pieces are large"
    assert v["sum_gap"] < 1e-12


def test_the_hat_of_exercise_1():
    hat = Network(
        [[[1.0, 1.0, 1.0]], [[1 / 1.5], [-2 / 1.5], [1 / 1.5]]],
        [[1.5, 0.0, -1.5], [0.0]],
        ["relu", "identity"],
    )
    x = np.linspace(-4, 4, 801)
    y = hat(x[:, None])[:, 0]
    # A triangle 1 high at x = 0 and 3 wide, zero outside [-1.5, 1.5].
    np.testing.assert_allclose(y, np.maximum(1 - np.abs(x) / 1.5, 0.0), atol=1e-12)
    assert {"1", "3"} <= set(formulas(PAGE))  # "1 high and 3 wide"
    X, Y = bell()
    line = linear.line_mse(X[:, 0], Y[:, 0], *linear.least_squares(X[:, 0], Y[:, 0]))
    assert hat.loss(X, Y) < line / 20


def test_sigmoid_units_are_smooth_monotone_steps_that_sum_to_the_network(values):
    X, Y = bell()
    net = Network.init([1, 20, 1], ["sigmoid", "identity"], seed=1)
    train(net, X, Y, learning_rate=0.05, steps=5_000)
    x = np.linspace(-3, 3, 601)
    steps = sigmoid(np.outer(x, net.W[0][0]) + net.b[0])
    curve = (steps * net.W[1][:, 0]).sum(axis=1) + net.b[1][0]
    assert np.max(np.abs(curve - net(x[:, None])[:, 0])) < 1e-12
    slopes = np.diff(steps, axis=0)
    assert np.all((slopes >= 0).all(axis=0) | (slopes <= 0).all(axis=0))
    assert net.loss(X, Y) == pytest.approx(values["sigmoid_loss"], rel=1e-12)
    assert values["sigmoid_loss"] < 0.01 < values["line_loss"]


def test_training_setup_written_on_the_page():
    assert {"0.05", "5{,}000"} <= set(formulas(PAGE))  # the rate, the steps
    setup = 'Network.init([1, 20, 1], ["relu", "identity"], seed=1)'
    assert any(setup in block for block in code(PAGE))


def test_exercise_4_the_best_flat_line_is_the_mean_and_scores_the_variance(values):
    y = bell()[1][:, 0]
    # The slope 2(c - mean(y)) of the flat line's MSE vanishes at the mean.
    flat_mse = [np.mean((y - y.mean() - d) ** 2) for d in (-0.01, 0.0, 0.01)]
    assert flat_mse[1] < min(flat_mse[0], flat_mse[2])
    assert values["flat_loss"] == pytest.approx(y.var(), rel=1e-12)
    # "the best straight line does only a little better": under one per cent.
    assert values["line_loss"] < values["flat_loss"]
    gain = 100 * (1 - values["line_loss"] / values["flat_loss"])
    assert values["line_gain_percent"] == pytest.approx(gain, rel=1e-12)
    assert 0 < values["line_gain_percent"] < 1
    assert {"flat_loss", "line_gain_percent", "y_mean", "line_w"} <= asks_for(PAGE)
