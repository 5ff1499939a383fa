"""Claims of docs/backprop-by-hand.md (and its notebook), checked against the library.

Every derivative the page displays is compared here with central
differences at random points; each test names the formula it checks. The
page's decimals come from docs/values/backprop-by-hand.py at build time; the
tests below also check that those values say what the prose says of them.
"""

# The tests are named after the formulas, dC_dW2 and all.

import re
import runpy
import textwrap
from pathlib import Path

import numpy as np
import pytest
from page_facts import alt_text, asks_for, formulas, numbers, page_values, states

from handgrad import two_two_one as net
from handgrad.activations import sigmoid, sigmoid_prime, tanh, tanh_prime
from handgrad.gradcheck import EPS, check_gradient, relative_error
from handgrad.losses import mse, mse_gradient

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "backprop-by-hand.md").read_text()
NOTEBOOK = (ROOT / "docs" / "notebooks" / "backprop-by-hand.py").read_text()
SOURCE = (ROOT / "src" / "handgrad" / "two_two_one.py").read_text()
SHAPES = {"W1": (2, 2), "b1": (2,), "W2": (2, 1), "b2": (1,)}
# Central differences of costs of order 1 agree with a right formula to about
# 1e-9 (see docs/gradient-checking.md); a wrong one is off by 1e-4 or more.
TOL = 1e-7
CASES = [
    pytest.param(seed, 1 + seed % 5, id=f"seed{seed}-m{1 + seed % 5}")
    for seed in range(10)
]


def central_differences(f, z):
    """The slope of the element-wise function ``f`` at each entry of ``z``."""
    return (f(z + EPS) - f(z - EPS)) / (2 * EPS)


def problem(seed, m):
    """Random parameters (biases too), inputs and targets in [0, 1]."""
    rng = np.random.default_rng(seed)
    params = net.Params(**{k: rng.standard_normal(s) for k, s in SHAPES.items()})
    return params, rng.uniform(-2, 2, (m, 2)), rng.uniform(0, 1, (m, 1))


def intermediate_gradients(params, X, Y):
    """The page's formulas, one per line, with nothing from backward()."""
    c = net.forward(params, X)
    m = len(X)
    g = {"dC_dA2": 2 * (c.A2 - Y) / m}
    g["dC_dZ2"] = g["dC_dA2"] * sigmoid(c.Z2) * (1 - sigmoid(c.Z2))
    g["dC_dW2"] = c.A1.T @ g["dC_dZ2"]
    g["dC_db2"] = g["dC_dZ2"].sum(axis=0)
    g["dC_dA1"] = g["dC_dZ2"] @ params.W2.T
    g["dC_dZ1"] = g["dC_dA1"] * sigmoid(c.Z1) * (1 - sigmoid(c.Z1))
    g["dC_dW1"] = X.T @ g["dC_dZ1"]
    g["dC_db1"] = g["dC_dZ1"].sum(axis=0)
    return c, g


# --- every displayed derivative, against central differences ----------------------


def test_sigmoid_prime_is_sigma_times_one_minus_sigma():
    # docs/backprop-by-hand.md: sigma'(z) = sigma(z) (1 - sigma(z))
    z = np.random.default_rng(0).uniform(-6, 6, 200)
    measured = central_differences(sigmoid, z)
    assert relative_error(sigmoid(z) * (1 - sigmoid(z)), measured) < TOL
    np.testing.assert_allclose(sigmoid_prime(z), sigmoid(z) * (1 - sigmoid(z)))


@pytest.mark.parametrize(("seed", "m"), CASES)
def test_dC_dA2_is_two_over_m_times_A2_minus_Y(seed, m):
    # docs/backprop-by-hand.md: dC/dA2 = 2/m (A2 - Y)
    params, X, Y = problem(seed, m)
    c, g = intermediate_gradients(params, X, Y)
    A2 = c.A2.copy()
    assert check_gradient(lambda: mse(A2, Y), A2, g["dC_dA2"]) < TOL
    np.testing.assert_allclose(mse_gradient(c.A2, Y), g["dC_dA2"], rtol=1e-15)


@pytest.mark.parametrize(("seed", "m"), CASES)
def test_dC_dZ2_is_dC_dA2_times_sigma_prime_of_Z2(seed, m):
    # docs/backprop-by-hand.md: dC/dZ2 = dC/dA2 ⊙ sigma'(Z2)
    params, X, Y = problem(seed, m)
    c, g = intermediate_gradients(params, X, Y)
    Z2 = c.Z2.copy()
    assert check_gradient(lambda: mse(sigmoid(Z2), Y), Z2, g["dC_dZ2"]) < TOL


@pytest.mark.parametrize(("seed", "m"), CASES)
def test_dC_dW2_is_A1_transpose_times_dC_dZ2(seed, m):
    # docs/backprop-by-hand.md: dC/dW2 = A1ᵀ dC/dZ2, and entry by entry
    # dC/d(W2)_kl = Σ_i (A1)_ik dC/d(Z2)_il
    params, X, Y = problem(seed, m)
    c, g = intermediate_gradients(params, X, Y)
    assert check_gradient(lambda: net.loss(params, X, Y), params.W2, g["dC_dW2"]) < TOL
    by_entries = np.array(
        [[sum(c.A1[i, k] * g["dC_dZ2"][i, 0] for i in range(m))] for k in range(2)]
    )
    np.testing.assert_allclose(g["dC_dW2"], by_entries, rtol=1e-12)


@pytest.mark.parametrize(("seed", "m"), CASES)
def test_dC_db2_is_the_sum_of_the_rows_of_dC_dZ2(seed, m):
    # docs/backprop-by-hand.md: dC/db2 = Σ_i (dC/dZ2)_i
    params, X, Y = problem(seed, m)
    _, g = intermediate_gradients(params, X, Y)
    assert check_gradient(lambda: net.loss(params, X, Y), params.b2, g["dC_db2"]) < TOL


@pytest.mark.parametrize(("seed", "m"), CASES)
def test_dC_dA1_is_dC_dZ2_times_W2_transpose(seed, m):
    # docs/backprop-by-hand.md: dC/dA1 = dC/dZ2 W2ᵀ, and entry by entry
    # dC/d(A1)_ik = Σ_l dC/d(Z2)_il (W2)_kl
    params, X, Y = problem(seed, m)
    c, g = intermediate_gradients(params, X, Y)
    A1 = c.A1.copy()

    def cost():
        return mse(sigmoid(A1 @ params.W2 + params.b2), Y)

    assert check_gradient(cost, A1, g["dC_dA1"]) < TOL


@pytest.mark.parametrize(("seed", "m"), CASES)
def test_dC_dZ1_is_dC_dA1_times_sigma_prime_of_Z1(seed, m):
    # docs/backprop-by-hand.md: dC/dZ1 = dC/dA1 ⊙ sigma'(Z1)
    params, X, Y = problem(seed, m)
    c, g = intermediate_gradients(params, X, Y)
    Z1 = c.Z1.copy()

    def cost():
        return mse(sigmoid(sigmoid(Z1) @ params.W2 + params.b2), Y)

    assert check_gradient(cost, Z1, g["dC_dZ1"]) < TOL


@pytest.mark.parametrize(("seed", "m"), CASES)
def test_dC_dW1_is_X_transpose_times_dC_dZ1(seed, m):
    # docs/backprop-by-hand.md: dC/dW1 = Xᵀ dC/dZ1
    params, X, Y = problem(seed, m)
    _, g = intermediate_gradients(params, X, Y)
    assert check_gradient(lambda: net.loss(params, X, Y), params.W1, g["dC_dW1"]) < TOL


@pytest.mark.parametrize(("seed", "m"), CASES)
def test_dC_db1_is_the_sum_of_the_rows_of_dC_dZ1(seed, m):
    # docs/backprop-by-hand.md: dC/db1 = Σ_i (dC/dZ1)_i
    params, X, Y = problem(seed, m)
    _, g = intermediate_gradients(params, X, Y)
    assert check_gradient(lambda: net.loss(params, X, Y), params.b1, g["dC_db1"]) < TOL


@pytest.mark.parametrize(("seed", "m"), CASES)
def test_the_library_backward_pass_is_the_page_formulas(seed, m):
    params, X, Y = problem(seed, m)
    _, g = intermediate_gradients(params, X, Y)
    grads = net.backward(params, net.forward(params, X), Y)
    for name in SHAPES:
        np.testing.assert_allclose(
            getattr(grads, f"dC_d{name}"), g[f"dC_d{name}"], rtol=1e-12
        )


def test_tanh_prime_is_one_minus_tanh_squared():
    # docs/backprop-by-hand.md, exercise 2: tanh'(z) = 1 - tanh²(z)
    z = np.random.default_rng(1).uniform(-4, 4, 200)
    measured = central_differences(tanh, z)
    assert relative_error(1 - tanh(z) ** 2, measured) < TOL
    np.testing.assert_allclose(tanh_prime(z), 1 - np.tanh(z) ** 2)


@pytest.mark.parametrize(("seed", "m"), CASES)
def test_columns_convention_dC_dV1_is_dC_dZ1c_times_Xc_transpose(seed, m):
    # docs/backprop-by-hand.md, exercise 3: dC/dV1 = dC/dZ1c Xcᵀ with samples
    # as columns, V1 = W1ᵀ; it is the transpose of dC/dW1.
    params, X, Y = problem(seed, m)
    Xc, V1 = X.T, params.W1.T.copy()
    b1c, V2, b2 = params.b1[:, None], params.W2.T, params.b2

    def cost():
        return mse(sigmoid(V2 @ sigmoid(V1 @ Xc + b1c) + b2), Y.T)

    Z1c = V1 @ Xc + b1c
    Z2c = V2 @ sigmoid(Z1c) + b2
    dC_dZ2c = 2 * (sigmoid(Z2c) - Y.T) / m * sigmoid_prime(Z2c)
    dC_dZ1c = (V2.T @ dC_dZ2c) * sigmoid_prime(Z1c)
    dC_dV1 = dC_dZ1c @ Xc.T
    assert check_gradient(cost, V1, dC_dV1) < TOL
    grads = net.backward(params, net.forward(params, X), Y)
    np.testing.assert_allclose(dC_dV1, grads.dC_dW1.T, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("m", [2, 3, 4, 5])
def test_forgetting_one_over_m_gives_relative_error_m_minus_1_over_m_plus_1(m):
    # docs/backprop-by-hand.md, exercise 1: relative error (m - 1) / (m + 1)
    params, X, Y = problem(m, m)
    grads = net.backward(params, net.forward(params, X), Y)
    error = check_gradient(lambda: net.loss(params, X, Y), params.W2, m * grads.dC_dW2)
    assert error == pytest.approx((m - 1) / (m + 1), abs=1e-8)
    assert states(PAGE, r"\frac{m - 1}{m + 1}")


# --- the page's text and listings ------------------------------------------------


def backward_section():
    body = SOURCE.split("# --8<-- [start:backward]\n")[1].split(
        "# --8<-- [end:backward]"
    )[0]
    return textwrap.dedent(body).strip().splitlines()


def test_each_one_line_fence_is_a_line_of_backward_in_order():
    marker = (
        '<!--pytest.mark.skip(reason="one line of backward(), shown in full below; '
    )
    fences = re.findall(re.escape(marker) + r"[^\n]*\n```python\n(.*?)\n```", PAGE)
    assert fences == backward_section()


def test_backward_is_the_eight_lines_the_page_counts():
    assert len(backward_section()) == 8  # the page counts them, in words
    assert 8 in numbers(PAGE)


def shape(text, m):
    """'$(m, 2)$' with m = 3 -> (3, 2); '$(2,)$' -> (2,)."""
    inner = text.strip().strip("$").strip("()").replace("m", str(m))
    return tuple(int(n) for n in inner.split(",") if n.strip())


def shape_table():
    rows = re.findall(
        r"^\| \$(\w+)\$ \| [^|]+ \| (\$[^|]+\$) \| (\$[^|]+\$) \|$", PAGE, re.M
    )
    return {
        name.replace("_", ""): (general, example) for name, general, example in rows
    }


@pytest.mark.parametrize("m", [1, 3])
def test_shape_table_matches_the_forward_pass(m):
    table = shape_table()
    assert list(table) == ["X", "W1", "b1", "Z1", "A1", "W2", "b2", "Z2", "A2", "Y"]
    params, X, Y = problem(0, m)
    cache = net.forward(params, X)
    actual = {"X": X.shape, "Y": Y.shape}
    actual |= {k: getattr(params, k).shape for k in SHAPES}
    actual |= {k: getattr(cache, k).shape for k in ("Z1", "A1", "Z2", "A2")}
    for name, (general, example) in table.items():
        assert shape(general, m) == actual[name], name
        if m == 1:
            assert shape(example, 0) == actual[name], name


def test_example_is_one_sample_as_a_row():
    assert np.shape(net.EXAMPLE_X) == (1, 2)
    assert "](notebooks/backprop-by-hand.py)" in PAGE  # a link to the notebook


@pytest.fixture(scope="module")
def values():
    return page_values("backprop-by-hand")


def test_quoted_values_say_what_the_prose_says(values):
    # "one step lowers the cost ... and the prediction rises"
    assert values["cost_after"] < values["cost_before"]
    assert values["prediction_after"] > values["prediction_before"]
    # "dC/dA2 = 2(A2 - 1)/1 ... negative"
    assert values["grad_a2"] == pytest.approx(2 * (values["prediction_before"] - 1))
    assert values["grad_a2"] < 0
    # "After 100 steps the cost is ...; it first falls below 0.001 after N steps",
    # each number asked for
    losses = net.train(
        net.init_params(), net.EXAMPLE_X, net.EXAMPLE_Y, learning_rate=1.0, steps=1000
    ).loss
    assert values["steps_shown"] == 100
    assert values["cost_after_100"] == losses[100]
    n = values["steps_to_1e_3"]
    assert values["cost_target"] == 1e-3
    assert losses[n] < 1e-3 <= losses[n - 1]
    assert {"steps_shown", "cost_after_100", "cost_target", "steps_to_1e_3"} <= (
        asks_for(PAGE)
    )
    # "Below 1e-7 means the two agree"
    assert values["gradcheck_worst"] < 1e-7
    assert "10^{-7}" in formulas(PAGE)


def test_the_example_numbers_in_the_forward_table_come_from_the_library(values):
    cache = net.forward(net.init_params(), net.EXAMPLE_X)
    assert f"{cache.A2[0, 0]:.3f}" in values["forward_table"]
    assert values["prediction_before"] == cache.A2[0, 0]


# --- the network figure ------------------------------------------------------


@pytest.fixture(scope="module")
def figure():
    """The network figure's script, run as the build runs it (no window)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    script = runpy.run_path(str(ROOT / "docs" / "figures" / "plot_backprop_network.py"))
    yield script
    plt.close(script["fig"])


def test_the_network_figure_labels_the_numbers_of_the_pages_tables(figure):
    from matplotlib.text import Text

    params = net.init_params()
    X, Y = np.array(net.EXAMPLE_X), np.array(net.EXAMPLE_Y)
    cache = net.forward(params, X)
    grads = net.backward(params, cache, Y)
    dC_dA2 = mse_gradient(cache.A2, Y)
    dC_dZ2 = dC_dA2 * sigmoid_prime(cache.Z2)
    dC_dZ1 = dC_dZ2 @ params.W2.T * sigmoid_prime(cache.Z1)
    # Three decimals, as the forward and backward tables show them.
    table = [params.W1, params.W2, cache.Z1, cache.A1, cache.Z2, cache.A2]
    table += [net.loss(params, X, Y), grads.dC_dW1, grads.dC_dW2]
    table += [dC_dA2, dC_dZ2, dC_dZ1]
    wanted = {f"{v:.3f}" for array in table for v in np.ravel(array)}
    # Four, as the table of the one weight followed by hand, and its product.
    path = [dC_dA2[0, 0], sigmoid_prime(cache.Z2[0, 0]), params.W2[0, 0]]
    path += [sigmoid_prime(cache.Z1[0, 0])]
    wanted |= {f"{v:.4f}" for v in path}
    wanted |= {f"{grads.dC_dW1[0, 0]:.4f}"}
    wanted |= {f"{v:g}" for v in X[0]}  # the inputs, as the page writes them
    texts = [t.get_text() for t in figure["fig"].findobj(Text)]
    drawn = set(re.findall(r"-?\d+\.\d+", " ".join(texts)))
    assert drawn == wanted  # each number of the library, and no other
    # The product of the path's slopes, drawn, is the backward pass's entry.
    assert figure["path_product"] == pytest.approx(grads.dC_dW1[0, 0], rel=1e-12)


def test_the_network_figure_reads_at_11_px_on_a_phone(figure):
    from matplotlib.text import Text

    fig = figure["fig"]
    smallest_pt = min(t.get_fontsize() for t in fig.findobj(Text) if t.get_text())
    width_px, smallest_px = fig.get_figwidth() * 96, smallest_pt * 4 / 3
    # The column of a 375 px phone is about 343 px wide: shown that wide, the
    # smallest text is at least 11 px, and the figure needs no sideways scroll.
    assert smallest_px * 343 / width_px >= 11


def test_the_network_figure_alt_text_asks_for_each_number(values):
    alt = alt_text(PAGE, "plot_backprop_network")
    asked = asks_for(alt)
    assert {name for name in values if name.startswith("figure_")} <= asked
    assert {name for name in values if name.startswith("path_dC_dW1_11")} <= asked
    assert {"x1", "x2", "y", "prediction_before", "cost_before", "grad_a2"} <= asked
    path = {"path_dC_dA2", "path_sigma_prime_Z2", "path_W2_11"}
    assert path | {"path_sigma_prime_Z1_11", "path_x1"} <= asked


# --- the notebook ----------------------------------------------------------------


def test_notebook_opens_with_a_title_and_links_to_existing_pages():
    first_cell = NOTEBOOK.split("# %%\n")[0]
    assert first_cell.startswith("# %% [markdown]\n# # ")
    links = re.findall(r"\]\(\.\./\.\./([\w-]+)/\)", NOTEBOOK)
    assert "backprop-by-hand" in links
    for page in links:
        assert (ROOT / "docs" / f"{page}.md").is_file(), page
