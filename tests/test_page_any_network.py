"""Claims of docs/any-network.md, checked against finite differences and the library.

Each displayed formula of the backward pass has one test here, named after
it, that checks the formula itself numerically: both sides are evaluated at
random points of small networks, with every gradient in them estimated by
central differences (``handgrad.gradcheck.numerical_gradient``), so the
check does not trust the library's backward pass. Each test then also
compares the library's array for that formula with the same estimate.

The page's decimals come from docs/values/any-network.py at build time; the
claims made around them and the exact numbers written in the text are
checked here.
"""

from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from page_facts import asks_for, code, formulas, page_values, states, tex

from handgrad.data import bell
from handgrad.gradcheck import numerical_gradient, relative_error
from handgrad.losses import mse, mse_gradient
from handgrad.network import Network, backward, forward
from handgrad.training import step, train

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGE = (DOCS / "any-network.md").read_text()

# Backpropagation against central differences (step 1e-5) of a float64 cost
# of order 1 agree to ~1e-9 when the algebra is right; products of two
# estimates (the right-hand sides below) keep that accuracy.
TOL = 1e-7

# A smooth network of three layers, three activations, two outputs; and a
# ReLU network whose seeds keep every pre-activation at least 1e-3 from the
# kink at 0, so that no nudge of 1e-5 crosses it.
NETWORKS = {
    "smooth": ([3, 4, 5, 2], ["tanh", "sigmoid", "identity"]),
    "relu": ([2, 6, 3, 1], ["relu", "relu", "identity"]),
}
CASES = [
    (name, seed, layer)
    for name, (sizes, _) in NETWORKS.items()
    for seed in (0, 1, 2)
    for layer in range(1, len(sizes))
]
CASE_IDS = [f"{name}-seed{seed}-layer{layer}" for name, seed, layer in CASES]


@pytest.fixture(scope="module")
def values():
    return page_values("any-network")


class Problem:
    """A network with random parameters, a batch of m = 7 samples, its passes.

    The argument ``layer`` is the page's l. ``Z[l]`` and ``A[l]`` are
    numbered as on the page: ``A[0]`` is ``X``,
    ``Z[0]`` is unused. ``library_Z``, ``library_A``, ``dC_dW`` and ``dC_db``
    are what the library's ``forward`` and ``backward`` return.
    """

    def __init__(self, name: str, seed: int) -> None:
        sizes, names = NETWORKS[name]
        rng = np.random.default_rng(seed)
        self.net = Network.init(sizes, names, seed=seed)
        for param in self.net.W + self.net.b:
            param[...] = rng.uniform(-1, 1, param.shape)
        self.L = len(sizes) - 1
        self.X = rng.standard_normal((7, sizes[0]))
        self.Y = rng.standard_normal((7, sizes[-1]))
        # The forward pass by the page's equations, in plain NumPy.
        self.Z, self.A = [None], [self.X]
        for layer in range(1, self.L + 1):
            self.Z.append(self.A[layer - 1] @ self.w(layer) + self.b(layer))
            self.A.append(self.f(layer)(self.Z[layer]))
        if name == "relu":
            assert min(np.abs(Z).min() for Z in self.Z[1:]) > 1e-3
        self.library_Z, self.library_A = forward(self.net, self.X)
        self.dC_dW, self.dC_db = backward(
            self.net,
            self.library_Z,
            self.library_A,
            mse_gradient(self.library_A[-1], self.Y),
        )

    def w(self, layer):
        return self.net.W[layer - 1]

    def b(self, layer):
        return self.net.b[layer - 1]

    def f(self, layer):
        return self.net.activations[layer - 1]

    def cost_from_a(self, layer, A):
        """The cost as a function of ``A^[l]``: layers l + 1, ..., L from there."""
        for k in range(layer + 1, self.L + 1):
            A = self.f(k)(A @ self.w(k) + self.b(k))
        return mse(A, self.Y)

    def cost_from_z(self, layer, Z):
        """The cost as a function of ``Z^[l]``."""
        return self.cost_from_a(layer, self.f(layer)(Z))

    def numeric_dc_da(self, layer):
        A = self.A[layer].copy()
        return numerical_gradient(lambda: self.cost_from_a(layer, A), A)

    def numeric_dc_dz(self, layer):
        Z = self.Z[layer].copy()
        return numerical_gradient(lambda: self.cost_from_z(layer, Z), Z)


@pytest.fixture(scope="module")
def problems():
    return {
        (name, seed): Problem(name, seed) for name in NETWORKS for seed in (0, 1, 2)
    }


@pytest.mark.parametrize(
    ("name", "seed"), [(n, s) for n in NETWORKS for s in (0, 1, 2)]
)
def test_dc_da_last_is_two_over_m_n_l_times_a_minus_y(problems, name, seed):
    # docs/any-network.md: dC/dA^[L] = 2 / (m n_L) (A^[L] - Y)
    p = problems[name, seed]
    A_L = p.A[p.L]
    m, n_L = A_L.shape
    formula = 2 / (m * n_L) * (A_L - p.Y)
    assert relative_error(formula, p.numeric_dc_da(p.L)) < TOL
    np.testing.assert_allclose(mse_gradient(A_L, p.Y), formula, rtol=1e-15)


@pytest.mark.parametrize(("name", "seed", "layer"), CASES, ids=CASE_IDS)
def test_dc_dz_is_dc_da_times_f_prime_of_z(problems, name, seed, layer):
    # docs/any-network.md: dC/dZ^[l] = dC/dA^[l] ⊙ f'(Z^[l])
    p = problems[name, seed]
    numeric = p.numeric_dc_dz(layer)
    formula = p.numeric_dc_da(layer) * p.f(layer).prime(p.Z[layer])
    assert relative_error(formula, numeric) < TOL


@pytest.mark.parametrize(("name", "seed", "layer"), CASES, ids=CASE_IDS)
def test_dc_dw_is_a_prev_transpose_times_dc_dz(problems, name, seed, layer):
    # docs/any-network.md: dC/dW^[l] = A^[l-1]ᵀ dC/dZ^[l]
    p = problems[name, seed]
    numeric = numerical_gradient(lambda: p.net.loss(p.X, p.Y), p.w(layer))
    formula = p.A[layer - 1].T @ p.numeric_dc_dz(layer)
    assert formula.shape == p.w(layer).shape
    assert relative_error(formula, numeric) < TOL
    assert relative_error(p.dC_dW[layer - 1], numeric) < TOL


@pytest.mark.parametrize(("name", "seed", "layer"), CASES, ids=CASE_IDS)
def test_dc_db_is_the_sum_of_the_rows_of_dc_dz(problems, name, seed, layer):
    # docs/any-network.md: dC/db^[l]_k = Σ_i dC/dZ^[l]_ik, the sum of the rows
    p = problems[name, seed]
    numeric = numerical_gradient(lambda: p.net.loss(p.X, p.Y), p.b(layer))
    formula = p.numeric_dc_dz(layer).sum(axis=0)
    assert formula.shape == p.b(layer).shape
    assert relative_error(formula, numeric) < TOL
    assert relative_error(p.dC_db[layer - 1], numeric) < TOL


@pytest.mark.parametrize(("name", "seed", "layer"), CASES, ids=CASE_IDS)
def test_dc_da_prev_is_dc_dz_times_w_transpose(problems, name, seed, layer):
    # docs/any-network.md: dC/dA^[l-1] = dC/dZ^[l] W^[l]ᵀ
    p = problems[name, seed]
    numeric = p.numeric_dc_da(layer - 1)  # for l = 1, the slope with respect to X
    formula = p.numeric_dc_dz(layer) @ p.w(layer).T
    assert relative_error(formula, numeric) < TOL


@pytest.mark.parametrize(
    ("name", "seed"), [(n, s) for n in NETWORKS for s in (0, 1, 2)]
)
def test_forward_is_z_equals_a_prev_w_plus_b_and_a_equals_f_of_z(problems, name, seed):
    # docs/any-network.md: Z^[l] = A^[l-1] W^[l] + b^[l] and A^[l] = f(Z^[l])
    p = problems[name, seed]
    for layer in range(1, p.L + 1):
        np.testing.assert_array_equal(p.library_Z[layer - 1], p.Z[layer])
        np.testing.assert_array_equal(p.library_A[layer], p.A[layer])
    expected = np.mean((p.A[p.L] - p.Y) ** 2)  # C over all m n_L entries
    assert p.net.loss(p.X, p.Y) == pytest.approx(expected, rel=1e-13)


def test_every_array_has_the_shape_in_the_table(problems):
    p = problems["smooth", 0]
    n, m = p.net.sizes, len(p.X)
    for layer in range(1, p.L + 1):
        i = layer - 1  # the code's index, as in the table
        assert p.library_A[i].shape == (m, n[layer - 1])
        assert p.net.W[i].shape == p.dC_dW[i].shape == (n[layer - 1], n[layer])
        assert p.net.b[i].shape == p.dC_db[i].shape == (n[layer],)
        assert p.library_Z[i].shape == p.library_A[i + 1].shape == (m, n[layer])
        assert p.numeric_dc_dz(layer).shape == (m, n[layer])
        assert p.numeric_dc_da(layer).shape == (m, n[layer])
        assert p.numeric_dc_da(layer - 1).shape == (m, n[layer - 1])


def test_the_table_on_the_page_is_read_off_the_arrays(values):
    table = values["shapes_table"]
    assert "shapes_table" in asks_for(PAGE)
    assert r"| $W^{[l]}$ | `W[i]` | $(n_{l-1}, n_l)$ | $(1, 20)$ | $(20, 1)$ |" in table
    assert r"| $Z^{[l]}$ | `Z[i]` | $(m, n_l)$ | $(256, 20)$ | $(256, 1)$ |" in table
    assert table.count("\n") == 11  # header, rule, ten arrays


def test_parameter_counts_written_on_the_page():
    def count(sizes):
        return sum((a + 1) * b for a, b in pairwise(sizes))

    assert (
        count([1, 20, 1]) == Network.init([1, 20, 1], ["relu", "identity"]).n_parameters
    )
    assert count([1, 20, 1]) == (1 + 1) * 20 + (20 + 1) * 1 == 61
    assert tex(r"(1 + 1) \cdot 20 + (20 + 1) \cdot 1 = 61") in formulas(PAGE)
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
    # Exercise 3: the cost is not a single bowl.
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
    # Exercise 2: at the floor, and below the true curve's own cost.
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
