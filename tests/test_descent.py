"""Gradient descent on the line: where it goes, when it stops, and when it blows up."""

import numpy as np
import pytest

from handgrad.data import mass_height
from handgrad.descent import LineFit, gradient_descent
from handgrad.fit import DivergenceError, Fit
from handgrad.linear import least_squares, line_mse

PATH_FIELDS = [
    "intercept",
    "slope",
    "d_intercept",
    "d_slope",
    "step_intercept",
    "step_slope",
]


@pytest.fixture(scope="module")
def data():
    return mass_height()


@pytest.mark.parametrize(
    ("loss", "learning_rate"),
    [("mse", 0.1), ("ssr", 0.1 / 50)],
    ids=["mse", "ssr"],
)
def test_standardised_descent_reaches_least_squares(data, loss, learning_rate):
    x, y = data
    fit = gradient_descent(
        x, y, learning_rate=learning_rate, loss=loss, standardize=True, tolerance=1e-12
    )
    # With standardised x the MSE curves by 2 along b and w alike, so each
    # step multiplies the distance to the optimum, and the gradient, by
    # 1 - 2 * 0.1 = 0.8 (the SSR curves 50 times more, hence its learning
    # rate). Shrinking the gradient by 1e-12 takes ln(1e-12) / ln(0.8) = 124
    # steps, and leaves each standardised parameter within 1e-12 of its
    # distance at the start (about 150): 1.5e-10, at most 11 times that in
    # the units of x (1 + mean / std).
    assert fit.converged
    assert fit.steps == int(np.ceil(np.log(1e-12) / np.log(0.8)))
    b, w = least_squares(x, y)
    assert abs(fit.intercept - b) < 1e-6
    assert abs(fit.slope - w) < 1e-6


def test_centred_descent_reaches_least_squares(data):
    x, y = data
    # Centred but not scaled, the slope curves by 2 var(x) ~ 62, which caps
    # the learning rate near 2 / 62; the intercept (curvature 2) then shrinks
    # its error by only 0.98 a step: ln(1e-12) / ln(0.98) = 1368 steps.
    fit = gradient_descent(
        x,
        y,
        learning_rate=0.01,
        loss="mse",
        standardize="center",
        tolerance=1e-12,
        max_steps=2000,
    )
    assert fit.converged
    np.testing.assert_allclose(
        (fit.intercept, fit.slope), least_squares(x, y), atol=1e-6
    )


def test_source_setting_barely_moves_the_intercept(data):
    # The source's run: raw x, MSE, learning rate 1e-4, start (0.01, 0.01),
    # 1000 steps. The slope soon fits (for the intercept it has), and the
    # intercept stays near its start, far from least squares, while the MSE
    # is within a few per cent of the best (measured: 2%).
    x, y = data
    fit = gradient_descent(
        x, y, learning_rate=1e-4, start=(0.01, 0.01), loss="mse", max_steps=1000
    )
    b_best, _ = least_squares(x, y)
    assert fit.steps == 1000
    assert not fit.converged
    assert abs(fit.intercept - 0.01) < 0.05
    assert abs(fit.intercept - b_best) > 2
    best_slope_for_this_intercept = np.sum(x * (y - fit.intercept)) / np.sum(x**2)
    assert abs(fit.slope - best_slope_for_this_intercept) < 1e-6
    best = line_mse(x, y, *least_squares(x, y))
    assert line_mse(x, y, fit.intercept, fit.slope) < 1.05 * best


def test_source_setting_history_shows_why(data):
    x, y = data
    path = gradient_descent(
        x, y, learning_rate=1e-4, start=(0.01, 0.01), loss="mse", max_steps=1000
    ).path
    # Every residual is positive at the start, so dL_dw / dL_db = sum(r x) /
    # sum(r) is a weighted mean of x, between 50 and 70: the slope's gradient
    # is 50 to 70 times the intercept's.
    ratio = path.d_intercept[0] / path.d_slope[0]
    assert 1 / 70 < ratio < 1 / 50
    assert abs(path.step_intercept[0]) < 0.031
    # Once the slope fits the intercept it has, w = sum(x (y - b)) / sum(x^2),
    # the mean residual is (b* - b) var(x) / mean(x^2), under 1% of the way
    # to least squares: each step moves b by 2e-4 times that.
    b_best, _ = least_squares(x, y)
    shrink = np.var(x) / np.mean(x**2)
    expected = 2e-4 * shrink * abs(b_best - 0.01)
    np.testing.assert_allclose(np.abs(path.step_intercept[10:]), expected, rtol=0.02)


def test_intercept_alone_converges_to_its_closed_form(data):
    x, y = data
    fit = gradient_descent(
        x, y, learning_rate=0.001, fit="intercept", fixed_slope=2.5, tolerance=1e-9
    )
    # SSR curves by 2m = 100 along b, so each step multiplies the distance to
    # b* and the gradient by 1 - 0.001 * 100 = 0.9: 1e-9 takes 197 steps and
    # leaves b within 1e-9 of its distance at the start (about 7).
    assert fit.converged
    assert fit.steps == int(np.ceil(np.log(1e-9) / np.log(0.9)))
    assert fit.slope == 2.5
    assert abs(fit.intercept - np.mean(y - 2.5 * x)) < 1e-7
    np.testing.assert_array_equal(fit.path.slope, 2.5)
    np.testing.assert_array_equal(fit.path.d_slope, 0.0)
    np.testing.assert_array_equal(fit.path.step_slope, 0.0)


def test_intercept_alone_holds_the_start_slope_by_default(data):
    x, y = data
    fit = gradient_descent(
        x, y, learning_rate=0.001, start=(0.0, 2.0), fit="intercept", tolerance=1e-9
    )
    assert fit.slope == 2.0
    assert abs(fit.intercept - np.mean(y - 2.0 * x)) < 1e-7


def test_intercept_alone_with_standardised_x_reports_original_units(data):
    x, y = data
    fit = gradient_descent(
        x,
        y,
        learning_rate=0.01,
        fit="intercept",
        fixed_slope=2.5,
        standardize=True,
        tolerance=1e-9,
    )
    assert fit.slope == pytest.approx(2.5, rel=1e-14)
    assert abs(fit.intercept - np.mean(y - 2.5 * x)) < 1e-6


def test_exact_start_on_a_perfect_line_stops_at_once():
    # The source's rule `if previous_cost and ...` never fires at cost 0.
    x = np.array([1.0, 2.0, 3.0, 4.0])
    fit = gradient_descent(x, 3.0 + 2.0 * x, learning_rate=0.01, start=(3.0, 2.0))
    assert fit.converged
    assert fit.steps == 0
    assert fit.loss.tolist() == [0.0]
    assert (fit.intercept, fit.slope) == (3.0, 2.0)


def test_perfect_line_converges_from_elsewhere():
    x = np.array([-1.0, 0.0, 1.0, 2.0])
    fit = gradient_descent(
        x, 3.0 + 2.0 * x, learning_rate=0.05, max_steps=5000, tolerance=1e-10
    )
    assert fit.converged
    assert fit.loss[-1] < 1e-15
    np.testing.assert_allclose((fit.intercept, fit.slope), (3.0, 2.0), atol=1e-8)


def test_fit_uses_its_own_y(data):
    # The source read a global instead of its y argument.
    x, y = data
    other_y = 10.0 - 0.5 * x
    fits = [
        gradient_descent(x, target, learning_rate=0.1, loss="mse", standardize=True)
        for target in (y, other_y)
    ]
    for fit, target in zip(fits, (y, other_y), strict=True):
        np.testing.assert_allclose(
            (fit.intercept, fit.slope), least_squares(x, target), atol=1e-5
        )
    assert abs(fits[0].slope - fits[1].slope) > 1


@pytest.mark.parametrize("loss", ["ssr", "mse"])
def test_history_follows_the_update_rule(data, loss):
    x, y = data
    learning_rate = 1e-4 / 50 if loss == "ssr" else 1e-4
    fit = gradient_descent(
        x, y, learning_rate=learning_rate, start=(1.0, 1.0), loss=loss, max_steps=50
    )
    path = fit.path
    for field in PATH_FIELDS:
        assert getattr(path, field).shape == (fit.steps + 1,), field
    assert fit.loss.shape == (fit.steps + 1,)
    assert (path.intercept[0], path.slope[0]) == (1.0, 1.0)
    np.testing.assert_array_equal(path.step_intercept, learning_rate * path.d_intercept)
    np.testing.assert_array_equal(path.step_slope, learning_rate * path.d_slope)
    np.testing.assert_array_equal(
        path.intercept[1:], path.intercept[:-1] - path.step_intercept[:-1]
    )
    np.testing.assert_array_equal(
        path.slope[1:], path.slope[:-1] - path.step_slope[:-1]
    )
    assert (fit.intercept, fit.slope) == (path.intercept[-1], path.slope[-1])
    assert fit.params == (fit.intercept, fit.slope)


def test_history_is_in_standardised_units_and_maps_back(data):
    x, y = data
    fit = gradient_descent(x, y, learning_rate=0.1, loss="mse", standardize=True)
    standardizer = fit.standardizer
    x_s = standardizer.transform(x)
    path = fit.path
    assert fit.loss[3] == line_mse(x_s, y, path.intercept[3], path.slope[3])
    b, w = standardizer.to_original(path.intercept, path.slope)
    assert (b[-1], w[-1]) == pytest.approx((fit.intercept, fit.slope), rel=1e-14)
    assert (b[0], w[0]) == pytest.approx((0.0, 0.0), abs=1e-12)


def test_the_record_cannot_be_changed(data):
    x, y = data
    fit = gradient_descent(x, y, learning_rate=0.1, loss="mse", standardize=True)
    with pytest.raises(ValueError, match="read-only"):
        fit.loss[0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        fit.path.intercept[0] = 0.0
    assert isinstance(fit, LineFit)
    assert isinstance(fit, Fit)


def test_stops_once_the_gradient_has_shrunk_by_the_tolerance(data):
    x, y = data
    fit = gradient_descent(x, y, learning_rate=0.1, loss="mse", standardize=True)
    size = np.maximum(np.abs(fit.path.d_intercept), np.abs(fit.path.d_slope))
    assert size[-1] <= 1e-6 * size[0]
    assert np.all(size[:-1] > 1e-6 * size[0])


def test_a_tiny_learning_rate_does_not_converge(data):
    # Watching the step size, this stopped at once: steps of 1e-12 times the
    # gradient are tiny from the start, though the line has not moved.
    x, y = data
    fit = gradient_descent(x, y, learning_rate=1e-12, max_steps=100)
    assert not fit.converged
    assert fit.steps == 100
    assert fit.loss[-1] > 0.99 * fit.loss[0]


def test_the_stop_does_not_depend_on_the_units_of_the_loss(data):
    # The SSR is m times the MSE: the same descent, with the learning rate
    # divided by m, stops at the same step.
    x, y = data
    by_mean = gradient_descent(x, y, learning_rate=0.1, loss="mse", standardize=True)
    by_sum = gradient_descent(
        x, y, learning_rate=0.1 / len(x), loss="ssr", standardize=True
    )
    assert by_mean.steps == by_sum.steps
    np.testing.assert_allclose(by_mean.params, by_sum.params, rtol=1e-12)


@pytest.mark.parametrize(
    ("learning_rate", "loss"),
    [(0.01, "ssr"), (3e-4, "mse"), (1e300, "ssr")],
    ids=["ssr-0.01", "mse-3e-4", "overflow-1e300"],
)
def test_too_large_a_learning_rate_raises_divergence(data, learning_rate, loss):
    x, y = data
    with pytest.raises(DivergenceError, match=r"diverged at step \d+") as caught:
        gradient_descent(x, y, learning_rate=learning_rate, loss=loss)
    message = str(caught.value)
    assert f"learning_rate={learning_rate:g}" in message
    assert "smaller learning_rate" in message
    assert "standardize" in message
    assert caught.value.learning_rate == learning_rate
    assert 0 < caught.value.step < 1000
    assert isinstance(caught.value, ValueError)


GOOD = {"learning_rate": 0.01}
BAD_OPTIONS = [
    ({"learning_rate": 0.0}, ValueError, "learning_rate must be a positive finite"),
    ({"learning_rate": -0.1}, ValueError, "learning_rate must be a positive finite"),
    ({"learning_rate": np.nan}, ValueError, "learning_rate must be a positive finite"),
    ({"learning_rate": np.inf}, ValueError, "learning_rate must be a positive finite"),
    ({"learning_rate": "0.1"}, TypeError, "learning_rate must be a positive number"),
    ({"max_steps": 0}, ValueError, "max_steps must be at least 1"),
    ({"max_steps": 10.0}, TypeError, "max_steps must be an integer"),
    ({"tolerance": -1e-6}, ValueError, "tolerance must be at least 0"),
    ({"tolerance": np.nan}, ValueError, "tolerance must be a finite number"),
    ({"fit": "slope"}, ValueError, "fit must be one of"),
    ({"loss": "mae"}, ValueError, "loss must be one of"),
    ({"standardize": "scale"}, ValueError, "standardize must be one of"),
    ({"standardize": 1}, ValueError, "standardize must be one of"),
    ({"fixed_slope": 2.5}, ValueError, "fixed_slope is only used with fit='intercept'"),
    ({"fit": "intercept", "fixed_slope": np.nan}, ValueError, "fixed_slope must be"),
    ({"start": (0.0,)}, ValueError, r"start must be a pair \(intercept, slope\)"),
    ({"start": 0.0}, ValueError, r"start must be a pair \(intercept, slope\)"),
    ({"start": (np.nan, 0.0)}, ValueError, "start intercept must be a finite number"),
    ({"start": (0.0, "1")}, TypeError, "start slope must be a real number"),
]
BAD_OPTION_IDS = [
    "lr-zero",
    "lr-negative",
    "lr-nan",
    "lr-inf",
    "lr-text",
    "max-steps-zero",
    "max-steps-float",
    "tolerance-negative",
    "tolerance-nan",
    "fit-unknown",
    "loss-unknown",
    "standardize-unknown",
    "standardize-one",
    "fixed-slope-without-intercept-fit",
    "fixed-slope-nan",
    "start-too-short",
    "start-not-a-pair",
    "start-intercept-nan",
    "start-slope-text",
]


@pytest.mark.parametrize(
    ("change", "error", "message"), BAD_OPTIONS, ids=BAD_OPTION_IDS
)
def test_bad_option_names_the_argument(change, error, message):
    with pytest.raises(error, match=message):
        gradient_descent([1.0, 2.0], [3.0, 4.0], **(GOOD | change))


@pytest.mark.parametrize(
    ("x", "y", "error", "message"),
    [
        ([[1.0, 2.0]], [3.0, 4.0], ValueError, "x must have 1 dimension"),
        ([1.0, 2.0], [3.0], ValueError, "x and y must have the same number"),
        ([], [], ValueError, "x must not be empty"),
        ([1.0, np.inf], [3.0, 4.0], ValueError, "x must be finite"),
        ([1.0, 2.0], [np.nan, 4.0], ValueError, "y must be finite"),
        ([1.0, 2.0], ["a", "b"], TypeError, "y must be numbers"),
    ],
    ids=["x-2d", "lengths-differ", "empty", "x-inf", "y-nan", "y-text"],
)
def test_bad_data_names_the_argument(x, y, error, message):
    with pytest.raises(error, match=message):
        gradient_descent(x, y, learning_rate=0.01)


def test_standardising_equal_x_names_x():
    with pytest.raises(ValueError, match="x must hold at least two different values"):
        gradient_descent([2.0, 2.0], [1.0, 3.0], learning_rate=0.01, standardize=True)
