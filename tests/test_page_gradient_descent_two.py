"""Claims in the prose of docs/gradient-descent-two.md, checked against the library.

The page's numbers come from docs/values/gradient-descent-two.py at build
time; here each partial derivative it displays is checked against central
differences, and its claims about the two runs against the library.
"""

from pathlib import Path

import numpy as np
import pytest
from line_problems import random_line_problems
from page_facts import formulas, page_values, states, tex

from handgrad.data import mass_height
from handgrad.descent import gradient_descent
from handgrad.linear import (
    Standardizer,
    least_squares,
    line_mse,
    line_mse_gradient,
    ssr,
    ssr_gradient,
)

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "gradient-descent-two.md").read_text()
VALUES = page_values("gradient-descent-two")

# The losses are quadratic in b and w, so central differences have no
# truncation error; the steps are sized so that rounding in the loss (about
# 1e-16 * loss / step) stays far below RTOL of the summed terms. The step in
# w moves the prediction at the largest |x| by as much as H moves it in b.
H = 1e-3
RTOL = 1e-7


def random_problems(count=20):
    return random_line_problems(count, seed=1)


def partials_by_central_differences(loss, x, y, b, w):
    h_w = H / max(1.0, np.max(np.abs(x)))
    d_db = (loss(x, y, b + H, w) - loss(x, y, b - H, w)) / (2 * H)
    d_dw = (loss(x, y, b, w + h_w) - loss(x, y, b, w - h_w)) / (2 * h_w)
    return d_db, d_dw


def sizes(x, y, b, w, m=1):
    """How large the summed terms of each partial derivative are."""
    size_b = 2 * np.sum(np.abs(y - (b + w * x))) / m + 1.0
    return size_b, size_b * max(1.0, np.max(np.abs(x)))


@pytest.fixture(scope="module")
def data():
    return mass_height()


def test_dr_db_is_minus_one_and_dr_dw_is_minus_x():
    # docs/gradient-descent-two.md: ∂r_i/∂b = -1, ∂r_i/∂w = -x_i
    for x, y, b, w in random_problems(5):
        r = lambda b_, w_, x=x, y=y: y - (b_ + w_ * x)  # noqa: E731
        np.testing.assert_allclose(
            (r(b + H, w) - r(b - H, w)) / (2 * H), -1.0, rtol=1e-9
        )
        np.testing.assert_allclose(
            (r(b, w + H) - r(b, w - H)) / (2 * H), -x, rtol=1e-6, atol=1e-9
        )
    assert states(PAGE, r"\frac{\partial r_i}{\partial w} = -x_i")


def test_dssr_db_and_dssr_dw_match_central_differences():
    # docs/gradient-descent-two.md: ∂SSR/∂b = -2 Σ r_i, ∂SSR/∂w = -2 Σ r_i x_i
    for x, y, b, w in random_problems():
        r = y - (b + w * x)
        formula = (-2 * np.sum(r), -2 * np.sum(r * x))
        numeric = partials_by_central_differences(ssr, x, y, b, w)
        for f, n, g, size in zip(
            formula, numeric, ssr_gradient(x, y, b, w), sizes(x, y, b, w), strict=True
        ):
            assert abs(f - n) <= RTOL * size
            assert abs(g - f) <= 1e-12 * size
    assert states(
        PAGE, r"\frac{\partial\,\mathrm{SSR}}{\partial w} = -2 \sum_{i=1}^{m} r_i\, x_i"
    )


def test_dmse_db_and_dmse_dw_match_central_differences():
    # docs/gradient-descent-two.md: ∂MSE/∂b = -(2/m) Σ r_i, ∂MSE/∂w = -(2/m) Σ r_i x_i
    for x, y, b, w in random_problems():
        m = len(x)
        r = y - (b + w * x)
        formula = (-2 / m * np.sum(r), -2 / m * np.sum(r * x))
        numeric = partials_by_central_differences(line_mse, x, y, b, w)
        for f, n, g, size in zip(
            formula,
            numeric,
            line_mse_gradient(x, y, b, w),
            sizes(x, y, b, w, m),
            strict=True,
        ):
            assert abs(f - n) <= RTOL * size
            assert abs(g - f) <= 1e-12 * size
    mse_w = r"\frac{\partial\,\mathrm{MSE}}{\partial w} = -\frac{2}{m}"
    assert states(PAGE, mse_w + r" \sum_{i=1}^{m} r_i\, x_i")


def test_simultaneous_and_sequential_steps_of_the_three_point_example():
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])
    assert ssr_gradient(x, y, 0.0, 0.0) == (-24.0, -56.0)
    b_new = 0.0 - 0.05 * -24.0
    residuals = y - b_new
    np.testing.assert_allclose(residuals, [0.8, 2.8, 4.8])
    d_dw_after = ssr_gradient(x, y, b_new, 0.0)[1]
    assert d_dw_after == pytest.approx(-41.6)
    assert b_new == pytest.approx(1.2)
    w_new, w_seq = 0.0 - 0.05 * -56.0, 0.0 - 0.05 * d_dw_after
    assert w_new == pytest.approx(2.8)
    assert w_seq == pytest.approx(2.08)
    stated = formulas(PAGE)
    assert states(PAGE, r"\frac{\partial C}{\partial b} = -2(2 + 4 + 6) = -24")
    assert states(PAGE, r"\frac{\partial C}{\partial w} = -2(2 + 8 + 18) = -56")
    for formula in ["b' = 1.2", "w' = 2.8", "0.8, 2.8, 4.8", "-41.6", "w' = 2.08"]:
        assert tex(formula) in stated, formula


def test_library_steps_from_the_old_point_on_the_page_data(data):
    x, y = data
    h = gradient_descent(
        x, y, learning_rate=1e-4, start=(0.01, 0.01), loss="mse", max_steps=3
    ).path
    for k in range(3):
        d_db, d_dw = line_mse_gradient(x, y, h.intercept[k], h.slope[k])
        assert h.intercept[k + 1] == h.intercept[k] - 1e-4 * d_db
        assert h.slope[k + 1] == h.slope[k] - 1e-4 * d_dw
        # The one-after-the-other update would give another slope.
        d_dw_seq = line_mse_gradient(x, y, h.intercept[k + 1], h.slope[k])[1]
        assert h.slope[k] - 1e-4 * d_dw_seq != pytest.approx(h.slope[k + 1], rel=1e-9)


def test_the_raw_run_gets_the_loss_but_not_the_intercept(data):
    x, y = data
    b_ls, w_ls = least_squares(x, y)
    assert VALUES["raw_converged"] is False
    # "the intercept has moved only ... and is ... cm from least squares"
    assert VALUES["raw_b_moved"] < 0.05
    assert VALUES["raw_b_gap"] > 100 * VALUES["raw_b_moved"]
    # "only a few per cent above", "by at most ... cm": the loss is nearly done
    assert VALUES["raw_mse_excess_pct"] < 5
    assert VALUES["raw_vs_ls_max_cm"] < VALUES["raw_b_gap"] / 4
    assert VALUES["raw_w"] == pytest.approx(VALUES["best_w_for_raw_b"], abs=1e-6)
    # "a slope smaller by ... lifts the line's start by about ..., which is the gap"
    assert VALUES["raw_w"] < w_ls
    assert VALUES["raw_b"] > b_ls
    assert VALUES["slope_gap_times_mean"] == pytest.approx(
        VALUES["raw_b_gap"], rel=0.05
    )
    # The least-squares intercept is centimetres from the true one.
    assert 1 < VALUES["ls_true_gap_b"] < 10


def test_why_the_intercept_crawls():
    assert 50 < VALUES["ratio_start"] < 70
    assert VALUES["first_step_w"] > 50 * VALUES["first_step_b"]
    assert VALUES["first_step_b"] < 0.031
    assert abs(VALUES["settled_w"] - VALUES["raw_w"]) < 1e-3  # the slope has fitted
    # "covering the remaining gap would take at least ... steps"
    assert VALUES["steps_to_cover_gap"] * VALUES["late_step_b"] <= VALUES["raw_b_gap"]
    assert VALUES["steps_to_cover_gap"] > 100 * VALUES["raw_steps"]
    assert VALUES["small_change_step"] == VALUES["settled"] == 10


def test_the_loss_change_rule_would_stop_at_the_plateau_and_the_library_not(data):
    x, y = data
    fit = gradient_descent(
        x, y, learning_rate=1e-4, start=(0.01, 0.01), loss="mse", max_steps=1000
    )
    changes = np.abs(np.diff(fit.loss))
    k, threshold = VALUES["small_change_step"], VALUES["LOSS_CHANGE"]
    assert changes[k - 2] > threshold  # it had not stopped a step earlier
    assert np.all(changes[k - 1 :] <= threshold)  # and from step k on it would
    # The gradient rule: shrunk by the quoted factor, not yet by 1e-6.
    size = np.maximum(np.abs(fit.path.d_intercept), np.abs(fit.path.d_slope))
    assert size[-1] / size[0] == pytest.approx(VALUES["raw_gradient_shrink"])
    assert 1e-6 < VALUES["raw_gradient_shrink"] < 1e-4
    assert not fit.converged


def test_standardised_mse_curves_by_two_in_every_direction(data):
    # docs/gradient-descent-two.md: with x̃ the contours are circles
    x, y = data
    x_s = Standardizer.from_data(x).transform(x)
    b, w, h = 3.0, -1.0, 1e-3
    g = lambda b_, w_: np.array(line_mse_gradient(x_s, y, b_, w_))  # noqa: E731
    second = np.column_stack(
        [(g(b + h, w) - g(b - h, w)) / (2 * h), (g(b, w + h) - g(b, w - h)) / (2 * h)]
    )
    np.testing.assert_allclose(second, 2 * np.eye(2), atol=1e-9)


def test_mapping_back_from_standardised_units(data):
    # docs/gradient-descent-two.md: w = w̃ / s_x, b = b̃ - w̃ x̄ / s_x
    x, _ = data
    scaler = Standardizer.from_data(x)
    x_mean, s_x = np.mean(x), np.std(x)
    rng = np.random.default_rng(2)
    for b_s, w_s in rng.uniform(-100, 100, size=(10, 2)):
        b, w = b_s - w_s * x_mean / s_x, w_s / s_x
        np.testing.assert_allclose(
            scaler.to_original(b_s, w_s), (b, w), rtol=1e-12, atol=1e-10
        )
        np.testing.assert_allclose(
            b + w * x, b_s + w_s * (x - x_mean) / s_x, rtol=1e-12, atol=1e-9
        )


def test_standardised_run_agrees_with_least_squares(data):
    x, y = data
    b_ls, w_ls = least_squares(x, y)
    assert abs(VALUES["std_b"] - b_ls) < 1e-6
    assert abs(VALUES["std_w"] - w_ls) < 1e-6
    assert VALUES["std_end_b"] == pytest.approx(np.mean(y), abs=1e-6)  # b̃ is ȳ
    # The gradient shrinks by 1 - 2 * 0.1 = 0.8 a step: ln(1e-12) / ln(0.8).
    assert VALUES["std_steps"] == int(np.ceil(np.log(1e-12) / np.log(0.8)))


def test_exercise_three_centred_run(data):
    # "About a thousand" steps: the intercept's gradient shrinks by
    # 1 - 2 * 0.01 = 0.98 a step, ln(1e-9) / ln(0.98) = 1026.
    x, y = data
    fit = gradient_descent(
        x,
        y,
        learning_rate=0.01,
        loss="mse",
        standardize="center",
        tolerance=1e-9,
        max_steps=5000,
    )
    assert fit.converged
    assert fit.steps == int(np.ceil(np.log(1e-9) / np.log(0.98)))
    assert VALUES["x_var"] == pytest.approx(np.var(x))
