"""Claims in the prose of docs/gradient-descent-one.md, checked against the library.

The page's numbers come from docs/values/gradient-descent-one.py at build
time; here the formulas it displays are checked against central
differences, and its claims against fresh runs of the library.
"""

import inspect
import math
import runpy
from pathlib import Path

import numpy as np
import pytest
from line_problems import random_line_problems
from page_facts import alt_text, asks_for, formulas, numbers, page_values, states

from handgrad import descent
from handgrad.data import mass_height
from handgrad.descent import gradient_descent
from handgrad.linear import least_squares, ssr, ssr_gradient

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "gradient-descent-one.md").read_text()
VALUES = page_values("gradient-descent-one")
FIGURES = ROOT / "docs" / "figures"

# The SSR is a quadratic in b, so a central difference has no truncation
# error at any step; what is left is rounding, about 1e-16 * SSR / H.
H = 1e-3
RTOL = 1e-7


def random_problems(count=20):
    return random_line_problems(count, seed=0)


def central_difference_b(f, b):
    """The slope of ``f`` at ``b``, measured between ``b - H`` and ``b + H``."""
    return (f(b + H) - f(b - H)) / (2 * H)


def ssr_of_b(x, y, w):
    """The SSR as a function of the intercept alone, the slope held at ``w``."""
    return lambda b: ssr(x, y, b, w)


def close(analytic, numeric, scale):
    """Relative agreement, measured against the size of the summed terms."""
    return abs(analytic - numeric) <= RTOL * max(scale, 1.0)


@pytest.fixture(scope="module")
def data():
    return mass_height()


def test_d_r_squared_db_is_minus_two_r_matches_central_difference():
    # docs/gradient-descent-one.md: d(r_i²)/db = 2 r_i · (-1) = -2 r_i
    for x, y, b, w in random_problems():
        for xi, yi in zip(x, y, strict=True):
            r = yi - (b + w * xi)
            numeric = central_difference_b(
                ssr_of_b(np.array([xi]), np.array([yi]), w), b
            )
            assert close(-2 * r, numeric, 2 * abs(r))
    assert states(PAGE, r"\frac{d\,(r_i^2)}{db} = 2 r_i \cdot (-1) = -2 r_i")


def test_dssr_db_is_minus_two_sum_of_residuals_matches_central_difference():
    # docs/gradient-descent-one.md: dSSR/db = -2 Σ r_i
    for x, y, b, w in random_problems():
        r = y - (b + w * x)
        formula = -2 * np.sum(r)
        numeric = central_difference_b(ssr_of_b(x, y, w), b)
        size = 2 * np.sum(np.abs(r))
        assert close(formula, numeric, size)
        assert close(ssr_gradient(x, y, b, w)[0], formula, size)
    assert states(PAGE, r"\frac{d\,\mathrm{SSR}}{db} = -2 \sum_{i=1}^{m} r_i")


def test_dssr_db_is_2m_times_distance_to_b_star_matches_central_difference():
    # docs/gradient-descent-one.md: dSSR/db = 2m (b - b*), b* = ȳ - w x̄
    for x, y, b, w in random_problems():
        b_star = np.mean(y) - w * np.mean(x)
        numeric = central_difference_b(ssr_of_b(x, y, w), b)
        size = 2 * np.sum(np.abs(y - (b + w * x)))
        assert close(2 * len(x) * (b - b_star), numeric, size)
    assert states(PAGE, r"= 2m\,(b - b^*)")
    assert r"b^*=\bary-w\barx" in formulas(PAGE)


def test_b_star_is_the_lowest_point(data):
    x, y = data
    b_star = VALUES["b_best"]
    assert b_star == pytest.approx(np.mean(y) - 2.0 * np.mean(x), rel=1e-12)
    assert abs(ssr_gradient(x, y, b_star, 2.0)[0]) < 1e-9
    for db in (-1.0, -0.01, 0.01, 1.0):
        assert ssr(x, y, b_star + db, 2.0) > ssr(x, y, b_star, 2.0)


def test_the_held_slope_is_a_round_number_below_least_squares(data):
    x, y = data
    b_ls, w_ls = least_squares(x, y)
    assert VALUES["w_held"] == 2.0 == round(VALUES["w_held"])
    assert "w_held" in asks_for(PAGE)
    assert w_ls > 2.0
    # "farther from a start at b = 0" with the slope held at 2.
    assert VALUES["b_best"] > 3 * abs(b_ls)
    assert VALUES["b_best"] == pytest.approx(np.mean(y) - 2.0 * np.mean(x))


def test_mass_range_in_whole_kilograms(data):
    x, _ = data
    assert VALUES["x_min"] <= x.min()
    assert x.max() <= VALUES["x_max"]
    assert (VALUES["x_min"], VALUES["x_max"]) == (50, 70)


def test_first_step_moves_right_and_downhill():
    slope = VALUES["slope_at_0"]
    step = VALUES["learning_rate"] * slope
    assert slope < 0
    assert step < 0
    assert VALUES["b_1"] == -step > 0
    assert VALUES["ssr_at_b_1"] < VALUES["ssr_at_0"] < VALUES["ssr_at_wrong_b"]
    # "would throw b thousands of centimetres past the bottom"
    assert abs(slope) - VALUES["b_best"] > 1000


def test_table_is_the_library_history(data):
    x, y = data
    fit = gradient_descent(x, y, learning_rate=0.002, fit="intercept", fixed_slope=2.0)
    path = fit.path
    lines = VALUES["first_steps_table"].splitlines()
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]
    assert len(rows) == VALUES["TABLE_ROWS"]
    for t, (step, b, loss, slope, size, new_b) in enumerate(rows):
        assert int(step) == t
        assert float(b) == pytest.approx(path.intercept[t], abs=5e-4)
        assert float(loss.replace(",", "")) == pytest.approx(fit.loss[t], abs=0.5)
        assert float(slope.replace(",", "")) == pytest.approx(
            path.d_intercept[t], abs=0.05
        )
        assert float(size) == pytest.approx(path.step_intercept[t], abs=5e-4)
        assert float(new_b) == pytest.approx(path.intercept[t + 1], abs=5e-4)
    # "The error falls at every step": in the table and to the end.
    assert np.all(np.diff(fit.loss) < 0)
    assert "first_steps_table" in asks_for(PAGE)


def test_steps_shrink_by_one_minus_two_m_eta(data):
    x, y = data
    steps = gradient_descent(
        x, y, learning_rate=0.002, fit="intercept", fixed_slope=2.0
    ).path.step_intercept
    np.testing.assert_allclose(steps[1:] / steps[:-1], 1 - 2 * 50 * 0.002, rtol=1e-9)
    assert VALUES["shrink"] == pytest.approx(0.8)


def run_figure(name):
    """The namespace of the figure script ``name``, run as the build runs it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    script = runpy.run_path(str(FIGURES / f"{name}.py"))
    plt.close(script["fig"])
    return script


def test_the_alt_texts_state_the_numbers_the_figures_draw():
    path = run_figure("plot_intercept_path")
    assert len(path["b_path"]) == path["SHOWN"] + 1 == 11  # the start, 10 steps
    assert 10 in numbers(alt_text(PAGE, "plot_intercept_path"))  # its points
    tangents = run_figure("plot_ssr_intercept")
    (ax,) = tangents["fig"].axes
    points = [line.get_xdata()[0] for line in ax.lines if line.get_marker() == "o"]
    assert points == pytest.approx([0.0, 15.0, VALUES["b_best"], 45.0])
    b_grid = tangents["b_grid"]
    assert (b_grid.min(), b_grid.max()) == (-5.0, 65.0)
    assert tangents["W_HELD"] == VALUES["w_held"]
    # the tangents' b, the range of b, the slope held at 2
    stated = numbers(alt_text(PAGE, "plot_ssr_intercept"))
    assert {0, 15, 45, -5, 65, VALUES["w_held"]} <= stated


def test_stopping_rule_and_its_defaults():
    parameters = inspect.signature(descent.gradient_descent).parameters
    assert VALUES["tolerance"] == parameters["tolerance"].default == 1e-6
    assert VALUES["max_steps"] == parameters["max_steps"].default == 1000
    # The run stops at the first slope within tolerance of the slope at start.
    assert abs(VALUES["final_slope"]) <= 1e-6 * abs(VALUES["start_slope"])
    assert VALUES["start_slope"] == VALUES["slope_at_0"]


def test_the_slope_rule_does_not_stop_a_walk_that_has_not_moved(data):
    # "a rule that waits for a tiny step would stop at once" with eta = 1e-12
    x, y = data
    fit = gradient_descent(
        x, y, learning_rate=1e-12, fit="intercept", fixed_slope=2.0, max_steps=50
    )
    assert abs(fit.path.step_intercept[0]) < 1e-6  # the step rule's tolerance
    assert not fit.converged
    assert fit.intercept < 1e-6


def test_exercise_two_step_count():
    # The slope shrinks by the factor |1 - 2 m eta| at every step.
    k = math.log(1e6) / math.log(1 / abs(VALUES["shrink"]))
    assert VALUES["steps_exact"] == pytest.approx(k, rel=1e-12)
    assert VALUES["steps_by_formula"] == math.ceil(k) == VALUES["steps"]


def test_exercise_4_one_step_lands_on_b_star_at_one_over_2m():
    x, y = mass_height()
    m = len(x)
    assert VALUES["one_step_rate"] == 1 / (2 * m)
    assert states(PAGE, r"\eta=\frac{1}{2m}")
    b_star = np.mean(y - 2.0 * x)
    # From several starts, one step at 1/(2m) lands on b* (up to rounding).
    for b in (-40.0, 0.0, 100.0):
        dSSR_db, _ = ssr_gradient(x, y, b, 2.0)
        assert b - dSSR_db / (2 * m) == pytest.approx(b_star, rel=1e-12)
    assert VALUES["one_step_b"] == pytest.approx(b_star, rel=1e-12)
    assert VALUES["one_step_steps"] == 1
    assert {"one_step_rate", "one_step_b", "one_step_steps"} <= asks_for(PAGE)
