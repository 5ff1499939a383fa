"""The chain-rule examples of docs/chain-rule.md, checked against central differences.

Each formula on the page has a test here with the same name as its function
in ``handgrad.chain_rule``.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from handgrad import chain_rule as cr

EPS = 1e-6
# A central difference with step 1e-6 on these smooth functions is accurate
# to about 1e-9; 1e-7 leaves room for rounding at the largest inputs.
TOL = 1e-7

weights = st.floats(-1e3, 1e3, allow_nan=False)
ages = st.floats(-1e2, 1e2, allow_nan=False)


def central_difference(f, x):
    return (f(x + EPS) - f(x - EPS)) / (2 * EPS)


def close(analytic, numeric):
    return abs(analytic - numeric) <= TOL * max(1.0, abs(analytic))


@given(weights)
def test_dh_dw_matches_central_difference(w):
    assert close(cr.dh_dw(w), central_difference(cr.height, w))


@given(weights)
def test_ds_dh_matches_central_difference(h):
    assert close(cr.ds_dh(h), central_difference(cr.shoe_size_from_height, h))


@given(weights)
def test_ds_dw_matches_central_difference(w):
    assert close(cr.ds_dw(w), central_difference(cr.shoe_size_from_weight, w))


@given(ages)
def test_du_dx_matches_central_difference(x):
    assert close(cr.du_dx(x), central_difference(cr.u, x))


@given(st.floats(0.01, 1e4))
def test_ds_du_matches_central_difference(u):
    assert close(cr.ds_du(u), central_difference(cr.shoe_size_from_u, u))


@given(ages)
def test_ds_dx_matches_central_difference(x):
    assert close(cr.ds_dx(x), central_difference(cr.shoe_size_from_age, x))


def test_ds_dx_is_the_closed_form_on_the_page():
    x = np.linspace(-5, 5, 101)
    np.testing.assert_allclose(cr.ds_dx(x), x / np.sqrt(x**2 + 0.5), rtol=1e-15)


def test_chain_of_lines_gives_one_half():
    # The page: ds/dw = 1/4 * 2 = 1/2, whatever the weight.
    np.testing.assert_array_equal(cr.ds_dw(np.array([0.0, 55.0, 70.0])), 0.5)


def test_functions_work_elementwise_on_arrays():
    x = np.array([[-1.0, 0.0], [1.0, 2.0]])
    assert cr.ds_dx(x).shape == (2, 2)


def test_text_input_names_the_argument():
    with pytest.raises(TypeError, match="w must be numbers"):
        cr.height("seventy")


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_input_names_the_argument(bad):
    with pytest.raises(ValueError, match="x must be finite"):
        cr.ds_dx(bad)


@pytest.mark.parametrize("bad", [0.0, -1.0])
def test_outer_function_needs_positive_u(bad):
    with pytest.raises(ValueError, match="u must be positive"):
        cr.ds_du(bad)
    with pytest.raises(ValueError, match="u must be positive"):
        cr.shoe_size_from_u(bad)
