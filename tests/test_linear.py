"""The line, its losses and gradients, least squares and standardising x."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handgrad.data import mass_height
from handgrad.linear import (
    Standardizer,
    least_squares,
    line_mse,
    line_mse_gradient,
    predict,
    ssr,
    ssr_gradient,
)

TOL = 1e-7
H = 1e-3


@st.composite
def lines(draw):
    """Data and a line: x, y of one length (1 to 20), an intercept and a slope."""
    m = draw(st.integers(1, 20))
    values = st.floats(-100, 100, allow_nan=False, allow_infinity=False)
    x = np.array(draw(st.lists(values, min_size=m, max_size=m)))
    y = np.array(draw(st.lists(values, min_size=m, max_size=m)))
    return x, y, draw(values), draw(st.floats(-10, 10))


def central_differences(loss, x, y, b, w):
    """(dL_db, dL_dw) by central differences, with steps sized to b's and w's effect.

    The losses are quadratic in b and w, so a central difference has no
    truncation error at any step; its error is rounding in the loss, about
    eps * SSR / step, so the step is large: H, in units of y, for b, and for
    w the step that moves the prediction at the largest |x| by as much.
    """
    h_w = H / max(1.0, np.max(np.abs(x)))
    b_up, b_down, w_up, w_down = b + H, b - H, w + h_w, w - h_w
    dL_db = (loss(x, y, b_up, w) - loss(x, y, b_down, w)) / (b_up - b_down)
    dL_dw = (loss(x, y, b, w_up) - loss(x, y, b, w_down)) / (w_up - w_down)
    return dL_db, dL_dw


def term_sizes(x, y, b, w, m=1):
    """How large the terms are that dL_db and dL_dw sum, divided by ``m``.

    dSSR/db sums -2 r_i and dSSR/dw sums -2 r_i x_i, over residuals that are
    up to H away from r_i where central_differences evaluates the loss.
    Where the terms cancel, the gradient is near 0 and both methods are left
    with rounding of this size, so errors are measured relative to it too.
    """
    size_b = 2 * np.sum(np.abs(y - (b + w * x)) + H) / m
    return size_b, size_b * max(1.0, np.max(np.abs(x)))


def relative_error(analytic, numeric, size):
    """|analytic - numeric| relative to the larger of them and to ``size``.

    ``size`` is the size of the terms the gradient sums: where they cancel, the
    gradient is near 0 and both methods are left with rounding of that size.
    """
    if analytic == numeric:
        return 0.0
    return abs(analytic - numeric) / max(abs(analytic), abs(numeric), size)


@pytest.mark.parametrize(
    ("loss", "gradient", "per_sample"),
    [(ssr, ssr_gradient, False), (line_mse, line_mse_gradient, True)],
    ids=["ssr", "mse"],
)
@settings(max_examples=40, deadline=None)
@given(data=lines())
def test_gradient_matches_central_differences(loss, gradient, per_sample, data):
    x, y, b, w = data
    size_b, size_w = term_sizes(x, y, b, w, len(x) if per_sample else 1)
    dL_db, dL_dw = gradient(x, y, b, w)
    num_db, num_dw = central_differences(loss, x, y, b, w)
    assert relative_error(dL_db, num_db, size_b) < TOL
    assert relative_error(dL_dw, num_dw, size_w) < TOL


def test_gradient_check_would_catch_a_wrong_gradient():
    # The check above is not vacuous: half the true gradient fails it.
    x, y = mass_height(5)
    dL_db, dL_dw = ssr_gradient(x, y, 1.0, 2.0)
    num_db, num_dw = central_differences(ssr, x, y, 1.0, 2.0)
    size_b, size_w = term_sizes(x, y, 1.0, 2.0)
    assert relative_error(dL_db / 2, num_db, size_b) > 0.1
    assert relative_error(dL_dw / 2, num_dw, size_w) > 0.1


def test_predict_is_intercept_plus_slope_times_x():
    np.testing.assert_array_equal(
        predict([0.0, 1.0, 60.0], 0.4, 2.5), [0.4, 2.9, 150.4]
    )


def test_ssr_and_its_gradient_on_a_worked_example():
    # Residuals of the line y = 1 + x on these points: 1, -1, 2.
    x, y = np.array([0.0, 1.0, 2.0]), np.array([2.0, 1.0, 5.0])
    assert ssr(x, y, 1.0, 1.0) == 1 + 1 + 4
    assert ssr_gradient(x, y, 1.0, 1.0) == (-2 * (1 - 1 + 2), -2 * (0 - 1 + 4))


def test_mse_is_ssr_over_m():
    x, y = mass_height(7)
    assert line_mse(x, y, 1.0, 2.0) == pytest.approx(ssr(x, y, 1.0, 2.0) / 7, rel=1e-15)
    np.testing.assert_allclose(
        line_mse_gradient(x, y, 1.0, 2.0), np.divide(ssr_gradient(x, y, 1.0, 2.0), 7)
    )


def test_least_squares_matches_numpy_polyfit():
    x, y = mass_height()
    w, b = np.polyfit(x, y, 1)
    np.testing.assert_allclose(least_squares(x, y), (b, w), rtol=1e-10)


def test_least_squares_recovers_a_noiseless_line():
    x = np.array([50.0, 55.0, 61.0, 70.0])
    np.testing.assert_allclose(least_squares(x, 0.4 + 2.5 * x), (0.4, 2.5), rtol=1e-12)


def test_ssr_gradient_vanishes_at_least_squares():
    x, y = mass_height()
    dSSR_db, dSSR_dw = ssr_gradient(x, y, *least_squares(x, y))
    # Rounding of sums of 50 residuals (size ~5) times x (~60): about 1e-10.
    assert abs(dSSR_db) < 1e-8
    assert abs(dSSR_dw) < 1e-6


@pytest.mark.parametrize("x", [[3.0, 3.0, 3.0], [3.0]], ids=["equal", "single"])
def test_least_squares_needs_two_different_x(x):
    with pytest.raises(ValueError, match="x must hold at least two different values"):
        least_squares(x, [1.0] * len(x))


def test_standardizer_gives_mean_0_and_std_1():
    x, _ = mass_height()
    x_s = Standardizer.from_data(x).transform(x)
    assert abs(np.mean(x_s)) < 1e-12
    assert np.std(x_s) == pytest.approx(1.0, rel=1e-12)


def test_centring_only_keeps_the_scale():
    x, _ = mass_height()
    standardizer = Standardizer.from_data(x, scale=False)
    assert standardizer.std == 1.0
    np.testing.assert_allclose(standardizer.transform(x), x - np.mean(x))


def test_a_standardised_line_maps_to_the_same_predictions():
    x, _ = mass_height()
    standardizer = Standardizer.from_data(x)
    b, w = standardizer.to_original(151.0, 14.0)
    np.testing.assert_allclose(
        predict(x, b, w), predict(standardizer.transform(x), 151.0, 14.0), rtol=1e-12
    )
    np.testing.assert_allclose(standardizer.to_standard(b, w), (151.0, 14.0))


def test_to_original_maps_whole_arrays():
    standardizer = Standardizer(mean=60.0, std=5.0)
    b, w = standardizer.to_original(np.array([0.0, 10.0]), np.array([5.0, 10.0]))
    np.testing.assert_array_equal(b, [-60.0, -110.0])
    np.testing.assert_array_equal(w, [1.0, 2.0])


def test_standardising_equal_x_names_x():
    with pytest.raises(ValueError, match="x must hold at least two different values"):
        Standardizer.from_data([2.0, 2.0])


def test_centring_equal_x_is_allowed():
    assert Standardizer.from_data([2.0, 2.0], scale=False).mean == 2.0


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"std": 0.0}, ValueError, "std must be a positive finite number"),
        ({"std": np.nan}, ValueError, "std must be a positive finite number"),
        ({"mean": np.inf}, ValueError, "mean must be a finite number"),
        ({"mean": "60"}, TypeError, "mean must be a real number"),
    ],
    ids=["zero-std", "nan-std", "inf-mean", "text-mean"],
)
def test_bad_standardizer_names_the_argument(kwargs, error, message):
    with pytest.raises(error, match=message):
        Standardizer(**kwargs)


GOOD = {"x": [1.0, 2.0], "y": [3.0, 4.0], "b": 0.0, "w": 1.0}
BAD_INPUTS = [
    ({"x": [[1.0, 2.0]]}, ValueError, "x must have 1 dimension"),
    ({"y": [[3.0], [4.0]]}, ValueError, "y must have 1 dimension"),
    ({"y": [3.0]}, ValueError, "x and y must have the same number of samples"),
    ({"x": [], "y": []}, ValueError, "x must not be empty"),
    ({"x": [1.0, np.nan]}, ValueError, "x must be finite"),
    ({"y": [3.0, np.inf]}, ValueError, "y must be finite"),
    ({"x": "1, 2"}, TypeError, "x must be numbers"),
    ({"y": [True, False]}, TypeError, "y must be numbers"),
    ({"b": np.nan}, ValueError, "b must be a finite number"),
    ({"w": -np.inf}, ValueError, "w must be a finite number"),
    ({"b": "0"}, TypeError, "b must be a real number"),
    ({"w": True}, TypeError, "w must be a real number"),
    ({"b": np.array([0.0, 1.0])}, TypeError, "b must be a real number"),
    ({"w": 1j}, TypeError, "w must be a real number"),
]
BAD_IDS = [
    "x-2d",
    "y-2d",
    "lengths-differ",
    "empty",
    "x-nan",
    "y-inf",
    "x-text",
    "y-bool",
    "b-nan",
    "w-inf",
    "b-text",
    "w-bool",
    "b-array",
    "w-complex",
]


@pytest.mark.parametrize("function", [ssr, ssr_gradient, line_mse, line_mse_gradient])
@pytest.mark.parametrize(("change", "error", "message"), BAD_INPUTS, ids=BAD_IDS)
def test_bad_input_names_the_argument(function, change, error, message):
    with pytest.raises(error, match=message):
        function(**(GOOD | change))


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"x": [[1.0]]}, ValueError, "x must have 1 dimension"),
        ({"b": np.nan}, ValueError, "b must be a finite number"),
        ({"w": "2.5"}, TypeError, "w must be a real number"),
    ],
    ids=["x-2d", "b-nan", "w-text"],
)
def test_predict_rejects_bad_input(change, error, message):
    arguments = {"x": [1.0, 2.0], "b": 0.0, "w": 1.0} | change
    with pytest.raises(error, match=message):
        predict(**arguments)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"y": [3.0]}, ValueError, "x and y must have the same number of samples"),
        ({"x": [1.0, np.nan]}, ValueError, "x must be finite"),
    ],
    ids=["lengths-differ", "x-nan"],
)
def test_least_squares_rejects_bad_input(change, error, message):
    arguments = {"x": [1.0, 2.0], "y": [3.0, 4.0]} | change
    with pytest.raises(error, match=message):
        least_squares(**arguments)
