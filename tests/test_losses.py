"""The mean squared error and its gradient."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from handgrad.gradcheck import numerical_gradient, relative_error
from handgrad.losses import mse, mse_gradient

values = st.floats(-10, 10)


@st.composite
def pairs(draw):
    """Predictions and targets of one shape (m, n_out), m and n_out from 1 to 6."""
    shape = draw(st.tuples(st.integers(1, 6), st.integers(1, 6)))
    return draw(arrays(np.float64, shape, elements=values)), draw(
        arrays(np.float64, shape, elements=values)
    )


@settings(max_examples=30, deadline=None)
@given(pairs())
def test_gradient_matches_central_differences(pair):
    A, Y = pair
    # mse is quadratic in A, so a central difference has no truncation error
    # whatever the step: a large one keeps the rounding of costs up to ~400
    # (errors up to 20) far below the tolerance.
    numeric = numerical_gradient(lambda: mse(A, Y), A, eps=1e-2)
    assert relative_error(mse_gradient(A, Y), numeric) < 1e-7


def test_mse_of_a_worked_example():
    # Errors 1 and 2: (1 + 4) / 2.
    assert mse([[1.0], [2.0]], [[0.0], [0.0]]) == 2.5


def test_mse_averages_over_every_entry_like_torch_mse_loss():
    A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    Y = np.zeros_like(A)
    assert mse(A, Y) == pytest.approx(np.sum(A**2) / 6, rel=1e-15)


def test_gradient_of_a_worked_example():
    # 2 (A - Y) / A.size with A.size = 2.
    np.testing.assert_array_equal(
        mse_gradient([[1.0], [2.0]], [[0.0], [0.0]]), [[1.0], [2.0]]
    )


def test_gradient_has_the_shape_of_the_predictions():
    assert mse_gradient(np.ones((4, 3)), np.zeros((4, 3))).shape == (4, 3)


def test_float32_gradient_stays_float32():
    A = np.ones((3, 1), np.float32)
    assert mse_gradient(A, np.zeros((3, 1))).dtype == np.float32
    assert isinstance(mse(A, np.zeros((3, 1))), float)


@pytest.mark.parametrize("f", [mse, mse_gradient])
def test_shapes_must_match_and_both_are_named(f):
    with pytest.raises(ValueError, match=r"A and Y .* got A \(3, 1\) and Y \(3,\)"):
        f(np.zeros((3, 1)), np.zeros(3))


@pytest.mark.parametrize("f", [mse, mse_gradient])
@pytest.mark.parametrize("bad", [np.nan, np.inf], ids=["nan", "inf"])
def test_non_finite_values_are_rejected(f, bad):
    with pytest.raises(ValueError, match="Y must be finite"):
        f([[1.0]], [[bad]])


@pytest.mark.parametrize("f", [mse, mse_gradient])
def test_empty_arrays_are_rejected(f):
    with pytest.raises(ValueError, match="A must not be empty"):
        f(np.zeros((0, 1)), np.zeros((0, 1)))


@pytest.mark.parametrize("f", [mse, mse_gradient])
def test_text_is_rejected(f):
    with pytest.raises(TypeError, match="A must be numbers"):
        f("1.0", [[1.0]])
