"""Claims of docs/gradient-checking.md, checked against the library.

The error formulas the page derives (Taylor's leading terms, the best step)
are checked here numerically, each test named after its formula; so are the
derivatives it displays (ReLU's, and the gradient of exercise 3), and what
the page says about relative errors, thresholds and the figure.
"""

import math
import runpy
from pathlib import Path

import numpy as np
import pytest
from page_facts import asks_for, formulas, page_values, states

from handgrad import gradcheck
from handgrad import two_two_one as net
from handgrad.activations import relu, relu_prime, sigmoid_prime
from handgrad.gradcheck import (
    EPS,
    FLOOR,
    check_gradient,
    numerical_gradient,
    relative_error,
)
from handgrad.losses import mse_gradient

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "gradient-checking.md").read_text()
U64 = 2.0**-53


@pytest.fixture(scope="module")
def values():
    return page_values("gradient-checking")


# --- the error of the two differences -------------------------------------------


def test_one_sided_difference_error_is_eps_over_two_times_f_second():
    # docs/gradient-checking.md: (f(x+eps) - f(x))/eps = f'(x) + eps/2 f''(x) + ...
    x = np.random.default_rng(0).uniform(-3, 3, 100)
    eps = 1e-4
    error = (np.sin(x + eps) - np.sin(x)) / eps - np.cos(x)
    # The next term is eps**2/6 f''' (< 2e-9); rounding adds about 1e-12.
    np.testing.assert_allclose(error, eps / 2 * -np.sin(x), atol=3e-9)


def test_central_difference_error_is_eps_squared_over_six_times_f_third():
    # docs/gradient-checking.md:
    # (f(x+eps) - f(x-eps))/(2 eps) = f'(x) + eps²/6 f'''(x) + ...
    x = np.random.default_rng(1).uniform(-3, 3, 100)
    eps = 1e-3
    error = (np.sin(x + eps) - np.sin(x - eps)) / (2 * eps) - np.cos(x)
    # The next term is eps**4/120 f^(5) (< 1e-14); rounding adds about 1e-13.
    np.testing.assert_allclose(error, eps**2 / 6 * -np.cos(x), atol=1e-12)


def test_best_step_of_the_central_difference_sets_the_error_slope_to_zero():
    # docs/gradient-checking.md: E(eps) = eps²/6 |f'''| + u|f|/eps, and
    # E'(eps) = 0 at eps* = (3 u |f| / |f'''|)^(1/3)
    rng = np.random.default_rng(2)
    for f, f3 in rng.uniform(0.1, 10, (20, 2)):

        def error(eps, f=f, f3=f3):
            return eps**2 / 6 * f3 + U64 * f / eps

        best = (3 * U64 * f / f3) ** (1 / 3)
        h = best * 1e-4
        slope = (error(best + h) - error(best - h)) / (2 * h)
        assert abs(slope) < 1e-6 * error(best) / best
        assert error(best) < min(error(best * 1.1), error(best / 1.1))


def test_best_step_of_the_one_sided_difference_is_root_of_2u_f_over_f_second():
    # docs/gradient-checking.md, exercise 2: eps/2 |f''| + u|f|/eps is least at
    # eps = sqrt(2 u |f| / |f''|)
    rng = np.random.default_rng(3)
    for f, f2 in rng.uniform(0.1, 10, (20, 2)):
        best = math.sqrt(2 * U64 * f / f2)
        h = best * 1e-4

        def error(eps, f=f, f2=f2):
            return eps / 2 * f2 + U64 * f / eps

        slope = (error(best + h) - error(best - h)) / (2 * h)
        assert abs(slope) < 1e-6 * error(best) / best


def test_halving_the_step_halves_one_sided_and_quarters_central_errors():
    rng = np.random.default_rng(4)
    for x in rng.uniform(-2, 2, 20):
        if abs(np.sin(x)) < 0.1 or abs(np.cos(x)) < 0.1:
            continue  # the leading terms vanish there

        def one_sided(eps, x=x):
            return (np.sin(x + eps) - np.sin(x)) / eps - np.cos(x)

        def central(eps, x=x):
            return (np.sin(x + eps) - np.sin(x - eps)) / (2 * eps) - np.cos(x)

        assert one_sided(1e-3) / one_sided(5e-4) == pytest.approx(2, rel=0.05)
        assert central(1e-3) / central(5e-4) == pytest.approx(4, rel=0.01)


# --- the displayed derivatives ----------------------------------------------------


def test_relu_prime_is_one_right_of_zero_and_zero_left_of_it():
    # docs/gradient-checking.md: ReLU has slope 0 left of zero and 1 right of it
    z = np.random.default_rng(5).uniform(-3, 3, 200)
    z = z[np.abs(z) > 10 * EPS]  # away from the kink
    measured = (relu(z + EPS) - relu(z - EPS)) / (2 * EPS)
    assert relative_error(relu_prime(z), measured) < 1e-7
    assert relu_prime(0.0) == 0.0


@pytest.mark.parametrize("seed", range(5))
def test_gradient_of_mean_squared_linear_error_is_two_over_m_nout_xt_residual(seed):
    # docs/gradient-checking.md, exercise 3:
    # dC/dW = 2 / (m n_out) Xᵀ (X W - Y) for C = mean((X W - Y)²)
    rng = np.random.default_rng(seed)
    m, n_in, n_out = rng.integers(1, 6, 3)
    X, Y = rng.normal(size=(m, n_in)), rng.normal(size=(m, n_out))
    W = rng.normal(size=(n_in, n_out))
    analytic = 2 / (m * n_out) * X.T @ (X @ W - Y)
    assert check_gradient(lambda: np.mean((X @ W - Y) ** 2), W, analytic) < 1e-7
    if n_out > 1:  # dividing by m alone: n_out times too large
        wrong = 2 / m * X.T @ (X @ W - Y)
        error = check_gradient(lambda: np.mean((X @ W - Y) ** 2), W, wrong)
        assert error == pytest.approx((n_out - 1) / (n_out + 1), abs=1e-7)


# --- the relative error and the thresholds ----------------------------------------


def test_relative_error_lies_between_zero_and_one():
    rng = np.random.default_rng(6)
    a, n = rng.normal(size=(2, 1000))
    errors = np.abs(a - n) / (np.abs(a) + np.abs(n))
    assert np.all((errors >= 0) & (errors <= 1))
    assert relative_error([2.0], [-2.0]) == 1.0  # opposite signs
    assert relative_error([5.0], [0.0]) == 1.0  # one of them zero
    assert relative_error([0.0], [0.0]) == 0.0  # two zeros: no 0/0, thanks to the floor


def test_floor_makes_the_test_absolute_below_it(values):
    # "an error below 1e-7 there means |a - n| < 1e-10"
    assert values["absolute_under_floor"] == pytest.approx(1e-7 * FLOOR)
    a, n = 1e-6, 1e-6 + 0.99e-10
    assert relative_error([a], [n]) < 1e-7
    assert relative_error([a], [1e-6 + 1.01e-10]) > 1e-7
    assert "floor_code" in asks_for(PAGE)
    assert values["floor_code"] == "0.001"


def bad_output_gradients(params, X, Y):
    """Slips in dC/dW2 that the page's table says land at 1e-4 or above."""
    c = net.forward(params, X)
    dC_dA2 = mse_gradient(c.A2, Y)
    return {
        "sigma' at A2": c.A1.T @ (dC_dA2 * sigmoid_prime(c.A2)),
        "no sigma'": c.A1.T @ dC_dA2,
        "no 1/m": c.A1.T @ (2 * (c.A2 - Y) * sigmoid_prime(c.Z2)),
    }


@pytest.mark.parametrize("seed", range(20))
def test_right_gradients_pass_below_1e_7_and_slips_land_above_1e_4(seed):
    rng = np.random.default_rng(seed)
    m = int(rng.integers(2, 8))
    params = net.Params(
        **{k: rng.standard_normal(v.shape) for k, v in vars(net.init_params()).items()}
    )
    X, Y = rng.uniform(-2, 2, (m, 2)), rng.uniform(0, 1, (m, 1))
    grads = net.backward(params, net.forward(params, X), Y)
    assert (
        check_gradient(lambda: net.loss(params, X, Y), params.W2, grads.dC_dW2) < 1e-7
    )
    for slip, wrong in bad_output_gradients(params, X, Y).items():
        error = check_gradient(lambda: net.loss(params, X, Y), params.W2, wrong)
        assert error >= 1e-4, slip


def test_the_threshold_table_is_the_library_documented_one():
    assert {"10^{-7}", "10^{-4}"} <= set(formulas(PAGE))  # the table's bounds
    doc = gradcheck.relative_error.__doc__
    assert {"``1e-7``", "``1e-4``"} <= set(doc.split())  # the same two bounds


# --- numbers of the prose -----------------------------------------------------------


def test_float_formats_keep_the_digits_the_page_says(values):
    # "53 binary digits, about 16 decimal ones"; float32 "24 binary digits"
    assert values["float64_bits"] == np.finfo(np.float64).nmant + 1 == 53
    assert values["float64_decimals"] == round(53 * math.log10(2)) == 16
    assert values["float32_bits"] == np.finfo(np.float32).nmant + 1 == 24
    assert {"float64_bits", "float64_decimals", "float32_bits"} <= asks_for(PAGE)
    assert values["u64"] == 2.0**-53
    assert values["u32"] == 2.0**-24
    assert states(PAGE, r"u = 2^{-53} \approx {{ u64_tex }}")
    assert states(PAGE, r"2^{-24} \approx {{ u32_tex }}")


def test_numerical_gradient_evaluates_the_cost_twice_per_entry(values):
    x = np.zeros((3, 4))
    calls = []
    numerical_gradient(lambda: calls.append(1) or 0.0, x)
    assert len(calls) == 2 * x.size
    assert values["evaluations_221"] == 2 * values["n_params_221"] == 18


def test_default_step_is_quoted_as_the_code_writes_it(values):
    assert EPS == 1e-5
    assert values["eps_code"] == "1e-5"
    assert "EPS = 1e-5" in (ROOT / "src" / "handgrad" / "gradcheck.py").read_text()


def test_kink_chord_has_slope_one_half(values):
    assert values["kink_chord"] == 0.5
    z = np.array([0.0])
    assert numerical_gradient(lambda: float(relu(z)[0]), z)[0] == 0.5


@pytest.fixture(scope="module")
def figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    namespace = runpy.run_path(str(ROOT / "docs" / "figures" / "plot_gradcheck_eps.py"))
    plt.close("all")
    return namespace


def test_figure_and_prose_quote_the_same_best_steps(figure, values):
    grid = figure["EPS_GRID"]
    for curve, name in [
        ("central, float64", "central"),
        ("one-sided, float64", "one_sided"),
        ("central, float32", "f32"),
    ]:
        errors = np.array(figure["curves"][curve])
        assert grid[np.argmin(errors)] == values[f"best_eps_{name}"]
        assert errors.min() == values[f"best_err_{name}"]


def test_library_eps_is_the_best_step_of_the_central_curve(values):
    # "The library's default step ... sits at the bottom of the central curve"
    assert values["best_eps_central"] == pytest.approx(EPS)
    assert values["best_eps_one_sided"] < 1e-7
    assert values["best_eps_f32"] >= 1e-3  # "far larger in float32"
    assert values["best_err_f32"] > 1e-7  # "worse than the float64 threshold"


def log_slope(grid, errors, low, high):
    keep = (grid >= low) & (grid <= high)
    return np.polyfit(np.log10(grid[keep]), np.log10(np.array(errors)[keep]), 1)[0]


def test_curves_have_slopes_minus_one_left_and_one_or_two_right(figure):
    # "a line of slope -1 ... slope 1 for the one-sided and slope 2 for the central"
    grid, curves = figure["EPS_GRID"], figure["curves"]
    central, one_sided = curves["central, float64"], curves["one-sided, float64"]
    assert log_slope(grid, central, 1e-13, 1e-8) == pytest.approx(-1, abs=0.15)
    assert log_slope(grid, one_sided, 1e-13, 1e-9) == pytest.approx(-1, abs=0.15)
    assert log_slope(grid, central, 1e-4, 1e-2) == pytest.approx(2, abs=0.1)
    assert log_slope(grid, one_sided, 1e-6, 1e-2) == pytest.approx(1, abs=0.1)


def test_exercise_4_the_cubes_difference_errors_are_exact_polynomials():
    # The page's derivation: one-sided 3 + 3 eps + eps^2, central 3 + eps^2.
    one_sided = r"\frac{(1+\varepsilon)^3-1}{\varepsilon}=3+3\varepsilon+\varepsilon^2"
    assert states(PAGE, one_sided)
    assert states(PAGE, r"=3+\varepsilon^2")
    for eps in (1e-1, 1e-2, 1e-3):
        one_sided = ((1 + eps) ** 3 - 1) / eps
        central = ((1 + eps) ** 3 - (1 - eps) ** 3) / (2 * eps)
        # Rounding: about u / eps, at most 1e-13 or so here.
        assert one_sided - 3 == pytest.approx(3 * eps + eps**2, abs=1e-12)
        assert central - 3 == pytest.approx(eps**2, abs=1e-12)
    assert states(PAGE, r"3\times10^{-3}+10^{-6}=0.003001")
