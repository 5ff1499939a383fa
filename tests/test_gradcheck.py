"""Central differences and the relative error, on functions whose gradient is known."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from handgrad.gradcheck import (
    EPS,
    check_gradient,
    numerical_gradient,
    relative_error,
)

arrays = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3),
    elements=st.floats(-2, 2),
)
FEW = settings(max_examples=30, deadline=None)


@FEW
@given(arrays)
def test_gradient_of_sum_of_squares_is_two_x(x):
    numeric = numerical_gradient(lambda: np.sum(x**2), x)
    # A quadratic's central difference is exact but for rounding: the sum (at
    # most 27 * 4) is rounded to about 2e-14, and dividing by 2 EPS makes
    # that 1e-9 at worst.
    np.testing.assert_allclose(numeric, 2 * x, rtol=1e-8, atol=1e-9)


@FEW
@given(arrays)
def test_gradient_of_sum_of_sines_is_cosine(x):
    numeric = numerical_gradient(lambda: np.sum(np.sin(x)), x)
    # Curvature adds EPS**2 / 6 * |cos| < 2e-11 to the rounding error above.
    np.testing.assert_allclose(numeric, np.cos(x), rtol=1e-8, atol=1e-9)


@FEW
@given(st.integers(1, 4), st.integers(1, 3), st.integers(1, 3), st.integers(0, 2**32))
def test_gradient_of_a_matrix_product(m, n_in, n_out, seed):
    # C = sum(G * (X @ W)) is linear in W, with gradient X.T @ G.
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n_in))
    G = rng.standard_normal((m, n_out))
    W = rng.standard_normal((n_in, n_out))
    numeric = numerical_gradient(lambda: np.sum(G * (X @ W)), W)
    assert relative_error(X.T @ G, numeric) < 1e-7


def test_function_sees_each_entry_nudged_by_eps_both_ways():
    x = np.array([1.0, 2.0])
    seen = []
    numerical_gradient(lambda: seen.append(x.copy()) or 0.0, x, eps=0.5)
    expected = [[1.5, 2.0], [0.5, 2.0], [1.0, 2.5], [1.0, 1.5]]
    np.testing.assert_array_equal(seen, expected)


def test_x_is_restored_exactly():
    x = np.array([0.1, 0.7, 1.1])
    before = x.copy()
    # Undoing the nudges by arithmetic would not give these values back ...
    undone = x + EPS
    undone -= 2 * EPS
    undone += EPS
    assert not np.any(undone == before)
    numerical_gradient(lambda: np.sum(np.exp(x)), x)
    # ... but putting the saved value back does, bit for bit.
    np.testing.assert_array_equal(x, before)


def test_x_is_restored_when_f_raises():
    x = np.array([[0.1, 0.2], [0.3, 0.4]])
    before = x.copy()
    calls = 0

    def f():
        nonlocal calls
        calls += 1
        if calls == 4:  # while x[0, 1] is nudged down
            raise RuntimeError("boom")
        return float(np.sum(x))

    with pytest.raises(RuntimeError, match="boom"):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, before)


def test_gradient_has_the_shape_and_dtype_of_x():
    x = np.zeros((2, 3, 1))
    numeric = numerical_gradient(lambda: np.sum(x), x)
    assert numeric.shape == x.shape
    assert numeric.dtype == np.float64
    np.testing.assert_allclose(numeric, 1.0, rtol=1e-9)


def test_relative_error_of_identical_gradients_is_zero():
    g = np.array([[1.5, -2.0], [0.0, 3e-9]])
    assert relative_error(g, g.copy()) == 0.0


def test_relative_error_of_two_zeros_is_zero():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0


@pytest.mark.parametrize(
    ("analytic", "numeric", "expected"),
    [
        pytest.param([1.0], [3.0], 2 / 4, id="one-and-three"),
        pytest.param([2.0], [-2.0], 1.0, id="opposite-signs"),
        pytest.param([5.0], [0.0], 1.0, id="one-zero"),
        pytest.param([1.0, 10.0], [1.0, 10.5], 0.5 / 20.5, id="worst-entry-counts"),
        pytest.param([1e-6], [2e-6], 1e-6 / 1e-3, id="below-floor-is-absolute"),
    ],
)
def test_relative_error_known_values(analytic, numeric, expected):
    assert relative_error(analytic, numeric) == pytest.approx(expected, rel=1e-12)


def test_relative_error_with_a_tiny_floor_is_purely_relative():
    assert relative_error([1e-6], [2e-6], floor=1e-300) == pytest.approx(1 / 3)


@given(arrays, st.floats(0.5, 2))
def test_relative_error_is_symmetric_and_scale_free(a, scale):
    n = a + 0.25
    assert relative_error(a, n) == relative_error(n, a)
    big = 1e3  # both far above the floor
    assert relative_error(big * a + big, big * n + big) == pytest.approx(
        relative_error(scale * big * a + scale * big, scale * big * n + scale * big),
        rel=1e-9,
    )


def test_check_gradient_is_small_for_the_right_gradient_and_large_for_a_wrong_one():
    x = np.array([0.3, -1.2, 2.0])
    assert check_gradient(lambda: np.sum(x**3), x, 3 * x**2) < 1e-7
    # Forgetting the factor 3: |3g - g| / (3g + g) = 1/2 in every entry.
    assert check_gradient(lambda: np.sum(x**3), x, x**2) == pytest.approx(0.5)


def test_check_gradient_checks_shapes_before_calling_f():
    x = np.zeros(3)
    calls = []
    with pytest.raises(ValueError, match=r"x and analytic must have the same shape"):
        check_gradient(lambda: calls.append(1) or 0.0, x, np.zeros(4))
    assert calls == []


@pytest.mark.parametrize(
    "eps",
    [
        pytest.param(0.0, id="zero"),
        pytest.param(-1e-5, id="negative"),
        pytest.param(np.nan, id="nan"),
        pytest.param(np.inf, id="inf"),
    ],
)
def test_bad_eps_raises_value_error(eps):
    with pytest.raises(ValueError, match="eps must be a positive finite number"):
        numerical_gradient(lambda: 0.0, np.zeros(2), eps=eps)


def test_text_eps_raises_type_error():
    with pytest.raises(TypeError, match="eps must be a positive number"):
        numerical_gradient(lambda: 0.0, np.zeros(2), eps="1e-5")


@pytest.mark.parametrize(
    ("x", "error", "message"),
    [
        pytest.param(
            [1.0, 2.0], TypeError, "x must be a float64 NumPy array", id="list"
        ),
        pytest.param(np.arange(3), TypeError, "of dtype int64", id="int-array"),
        pytest.param(
            np.zeros(2, dtype=np.float32), TypeError, "of dtype float32", id="float32"
        ),
        pytest.param(np.zeros((2, 0)), ValueError, "x must not be empty", id="empty"),
        pytest.param(np.array([1.0, np.nan]), ValueError, "x must be finite", id="nan"),
    ],
)
def test_bad_x_raises(x, error, message):
    with pytest.raises(error, match=message):
        numerical_gradient(lambda: 0.0, x)


def test_read_only_x_raises_value_error():
    x = np.zeros(2)
    x.flags.writeable = False
    with pytest.raises(ValueError, match="x must be a writeable array"):
        numerical_gradient(lambda: 0.0, x)


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        pytest.param(np.zeros(2), ValueError, "f.. must have 0 dimensions", id="array"),
        pytest.param(np.nan, ValueError, r"f.. must be finite", id="nan"),
        pytest.param(None, TypeError, r"f.. must be numbers", id="none"),
    ],
)
def test_f_must_return_one_finite_number(value, error, message):
    with pytest.raises(error, match=message):
        numerical_gradient(lambda: value, np.zeros(2))


def test_relative_error_shape_mismatch_raises_value_error():
    with pytest.raises(ValueError, match=r"same shape, got \(2,\) and \(2, 1\)"):
        relative_error(np.zeros(2), np.zeros((2, 1)))


@pytest.mark.parametrize("floor", [0.0, -1.0, np.inf], ids=["zero", "negative", "inf"])
def test_bad_floor_raises_value_error(floor):
    with pytest.raises(ValueError, match="floor must be a positive finite number"):
        relative_error([1.0], [1.0], floor=floor)


def test_non_finite_gradient_raises_value_error():
    with pytest.raises(ValueError, match="numeric must be finite"):
        relative_error([1.0], [np.nan])
