"""Claims of docs/any-network.md, checked against finite differences and the library.

Each displayed formula of the backward pass has one test here, named after
it, that checks the formula itself numerically: both sides are evaluated at
random points of small networks, with every gradient in them estimated by
central differences (``handgrad.gradcheck.numerical_gradient``), so the
check does not trust the library's backward pass. Each test then also
compares the library's array for that formula with the same estimate.

The page's table of shapes comes from docs/values/any-network.py at build
time; the claims made around it and the exact numbers written in the text
are checked here. The training of the 1-20-1 network, which this page
computes the gradients for, is the next page's
(tests/test_page_training_any_network.py).
"""

from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from page_facts import asks_for, formulas, page_values, tex

from handgrad.gradcheck import numerical_gradient, relative_error
from handgrad.losses import mse, mse_gradient
from handgrad.network import Network, backward, forward

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
