"""Claims in the prose of docs/learning-rate.md, checked against the library.

The page's numbers and tables come from docs/values/learning-rate.py at
build time; here its second derivatives are checked against central
differences, and its claims about convergence and divergence against runs
of the library.
"""

import ast
import re
import runpy
from pathlib import Path

import numpy as np
import pytest
from line_problems import random_line_problems
from page_facts import formulas, states

from handgrad import fit as fit_module
from handgrad.data import mass_height
from handgrad.descent import gradient_descent
from handgrad.fit import DivergenceError
from handgrad.linear import Standardizer, line_mse_gradient, ssr_gradient

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "learning-rate.md").read_text()
VALUES = runpy.run_path(str(ROOT / "docs" / "values" / "learning-rate.py"))
FIGURE = (ROOT / "docs" / "figures" / "plot_learning_rates.py").read_text()

# The gradients are linear in b and w, so a central difference of a gradient
# has no truncation error; the step is large so that rounding stays small.
H = 1e-2


@pytest.fixture(scope="module")
def data():
    return mass_height()


def random_problems(count=20):
    return random_line_problems(count, seed=3)


def test_d2ssr_db2_is_2m_matches_central_difference():
    # docs/learning-rate.md: d²SSR/db² = 2m
    for x, y, b, w in random_problems():
        numeric = (
            ssr_gradient(x, y, b + H, w)[0] - ssr_gradient(x, y, b - H, w)[0]
        ) / (2 * H)
        assert numeric == pytest.approx(2 * len(x), rel=1e-6)
    assert VALUES["curvature"] == 100
    assert states(PAGE, r"= 2m = {{ curvature }}")


def test_second_derivatives_of_the_mse_match_central_differences():
    # docs/learning-rate.md: ∂²MSE/∂b² = 2, ∂²MSE/∂b∂w = (2/m) Σ x_i,
    # and ∂²MSE/∂w² = (2/m) Σ x_i²
    for x, y, b, w in random_problems():
        m, h_w = len(x), H / max(1.0, np.max(np.abs(x)))
        up_b, down_b = (
            line_mse_gradient(x, y, b + H, w),
            line_mse_gradient(x, y, b - H, w),
        )
        up_w, down_w = (
            line_mse_gradient(x, y, b, w + h_w),
            line_mse_gradient(x, y, b, w - h_w),
        )
        d2_db2 = (up_b[0] - down_b[0]) / (2 * H)
        d2_dbdw = (up_b[1] - down_b[1]) / (2 * H)
        d2_dwdb = (up_w[0] - down_w[0]) / (2 * h_w)
        d2_dw2 = (up_w[1] - down_w[1]) / (2 * h_w)
        scale = 1 + np.mean(x**2)
        assert d2_db2 == pytest.approx(2.0, rel=1e-6)
        assert abs(d2_dbdw - 2 / m * np.sum(x)) < 1e-6 * scale
        assert abs(d2_dwdb - 2 / m * np.sum(x)) < 1e-6 * scale
        assert abs(d2_dw2 - 2 / m * np.sum(x**2)) < 1e-6 * scale
    d2 = r"\frac{\partial^2\,\mathrm{MSE}}"
    assert states(PAGE, d2 + r"{\partial b^2} = 2, \qquad \frac")
    mean = r"\frac{2}{m} \sum_{i=1}^{m} "
    assert states(PAGE, d2 + r"{\partial b\,\partial w} = " + mean + "x_i")
    assert states(PAGE, d2 + r"{\partial w^2} = " + mean + "x_i^2")


def test_each_step_multiplies_the_distance_by_one_minus_2m_eta(data):
    x, y = data
    b_star = np.mean(y - 2.0 * x)
    for rate in (0.0002, 0.005, 0.015):
        b = gradient_descent(
            x, y, learning_rate=rate, fit="intercept", fixed_slope=2.0, max_steps=10
        ).path.intercept
        distance = b - b_star
        np.testing.assert_allclose(
            distance[1:], (1 - 100 * rate) * distance[:-1], rtol=1e-8, atol=1e-9
        )


def test_the_three_runs_of_the_figure(data):
    x, y = data
    # The figure's RUNS: (learning rate, steps drawn, label), read as data.
    (runs,) = [
        ast.literal_eval(node.value)
        for node in ast.parse(FIGURE).body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "RUNS"
    ]
    assert [(rate, steps) for rate, steps, _ in runs] == [
        (0.0002, 8),
        (0.005, 8),
        (0.025, 4),
    ]
    assert (VALUES["small_rate"], VALUES["good_rate"], VALUES["large_rate"]) == (
        0.0002,
        0.005,
        0.025,
    )
    b_star = VALUES["b_best"]

    def run(rate, steps):
        return gradient_descent(
            x, y, learning_rate=rate, fit="intercept", fixed_slope=2.0, max_steps=steps
        )

    assert run(0.0002, 8).path.intercept[-1] < 6  # "creep a few centimetres"
    assert abs(run(0.005, 8).path.intercept[-1] - b_star) < 0.5  # "reach the bottom"
    large = run(0.025, 4)
    assert np.all(np.diff(large.loss) > 0)
    b_path = large.path.intercept
    assert np.all(np.sign(b_path[1:] - b_star)[1:] != np.sign(b_path[1:] - b_star)[:-1])
    assert large.loss[-1] == VALUES["large_ssr_shown"]
    assert VALUES["small_loss_pct"] == pytest.approx(2.0)
    assert VALUES["large_overshoot"] == pytest.approx(1.5)


def test_one_parameter_table_agrees_with_the_limits():
    rows = VALUES["one_parameter_table"].splitlines()[2:]
    for row in rows:
        rate, factor, what = (cell.strip() for cell in row.strip("|").split("|"))
        rate = float(rate)
        assert float(factor.strip("$")) == pytest.approx(1 - 100 * rate, abs=0.005)
        # Converges when 0 < rate < 1/m, diverges above.
        assert what.startswith("converges") == (rate < 1 / 50)
        assert what.startswith("diverges") == (rate > 1 / 50)
    assert VALUES["limit_rate"] == 1 / 50
    assert VALUES["one_step_rate"] == 1 / 100
    assert "| 0.01 | $0.00$ | converges in 1 step |" in VALUES["one_parameter_table"]


def test_zigzag_just_below_the_limit(data):
    x, y = data
    fit = gradient_descent(x, y, learning_rate=0.019, fit="intercept", fixed_slope=2.0)
    assert fit.steps == VALUES["zigzag_steps"] > 100
    assert np.all(np.diff(np.sign(fit.path.step_intercept)) != 0)


def test_divergence_error_names_learning_rate_and_step(data):
    x, y = data
    with pytest.raises(DivergenceError) as caught:
        gradient_descent(x, y, learning_rate=0.025, fit="intercept", fixed_slope=2.0)
    error = caught.value
    assert str(error) == VALUES["large_message"]
    assert error.step == VALUES["large_diverges_at"]
    assert "learning_rate=0.025" in str(error)
    assert f"at step {error.step} " in str(error)
    # "long before the numbers overflow"
    final_loss = re.search(r"to (\S+)\. Use", str(error))[1]
    assert float(final_loss) < 1e300


def test_growth_limit_is_as_stated():
    assert fit_module.GROWTH_LIMIT == 1e12
    assert "10^{12}" in formulas(PAGE)


def test_raw_curvatures_and_limit(data):
    x, _ = data
    second = 2 * np.array([[1.0, x.mean()], [x.mean(), np.mean(x**2)]])
    low, high = np.linalg.eigvalsh(second)
    assert VALUES["raw_high_curvature"] == pytest.approx(high)
    assert VALUES["raw_low_curvature"] == pytest.approx(low)
    # The table's raw rates sit either side of the limit 2 / high.
    assert 2.5e-4 < 2 / high < 3e-4
    assert "| raw | 0.0003 | diverges" in VALUES["two_parameter_table"]
    assert "| raw | 0.00025 | still moving" in VALUES["two_parameter_table"]
    assert VALUES["raw_w_over_b_curvature"] > 1000  # "thousands of times"


def test_standardised_curvature_is_two_everywhere(data):
    x, _ = data
    x_s = Standardizer.from_data(x).transform(x)
    second = 2 * np.array([[1.0, x_s.mean()], [x_s.mean(), np.mean(x_s**2)]])
    np.testing.assert_allclose(second, 2 * np.eye(2), atol=1e-12)
    table = VALUES["two_parameter_table"]
    assert "| standardised | 0.5 | converges in 1 step |" in table
    assert "| standardised | 0.9 | converges" in table
    assert "| standardised | 1.1 | diverges" in table


def test_the_grid_rule_of_thumb(data):
    x, y = data
    assert VALUES["GRID"][0] == 1.0
    assert np.allclose(np.array(VALUES["GRID"][:-1]) / np.array(VALUES["GRID"][1:]), 10)
    # "happens to be the ideal 1/(2m)"
    assert VALUES["grid_rate"] == VALUES["one_step_rate"]
    assert VALUES["std_grid_rate"] == 0.1
    # At η = 1 on standardised x the loss does not fall: it bounces.
    fit = gradient_descent(
        x,
        y,
        learning_rate=1.0,
        start=(0.01, 0.01),
        loss="mse",
        standardize=True,
        max_steps=30,
    )
    assert not np.all(np.diff(fit.loss) < 0)
