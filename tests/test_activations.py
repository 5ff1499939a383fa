"""Each activation and its derivative, checked against central differences."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from handgrad import activations as act
from handgrad.gradcheck import numerical_gradient, relative_error

NAMES = list(act.ACTIVATIONS)
# Central differences of these smooth functions are accurate to ~1e-9;
# relative_error's floor turns the check absolute for derivatives near 0.
TOL = 1e-7

points = arrays(np.float64, st.integers(1, 8), elements=st.floats(-20, 20))
# A central difference with step 1e-5 that straddles ReLU's kink at 0 sees
# half a slope of 0 and half a slope of 1: keep 10 steps away from it.
away_from_kink = arrays(
    np.float64,
    st.integers(1, 8),
    elements=st.one_of(st.floats(-20, -1e-4), st.floats(1e-4, 20)),
)


PAIRS = {
    "sigmoid": (act.sigmoid, act.sigmoid_prime),
    "relu": (act.relu, act.relu_prime),
    "tanh": (act.tanh, act.tanh_prime),
    "identity": (act.identity, act.identity_prime),
}


def assert_derivative_matches(name, z):
    f, f_prime = PAIRS[name]
    # The sum's gradient holds each entry's own derivative f'(z_i).
    numeric = numerical_gradient(lambda: float(np.sum(f(z))), z)
    assert relative_error(f_prime(z), numeric) < TOL


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "identity"])
@settings(max_examples=30, deadline=None)
@given(z=points)
def test_derivative_matches_central_differences(name, z):
    assert_derivative_matches(name, z)


@settings(max_examples=30, deadline=None)
@given(z=away_from_kink)
def test_relu_derivative_matches_central_differences_away_from_the_kink(z):
    assert_derivative_matches("relu", z)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=30, deadline=None)
@given(z=points)
def test_the_registry_holds_the_plain_functions_of_the_public_ones(name, z):
    a = act.ACTIVATIONS[name]
    f, f_prime = PAIRS[name]
    np.testing.assert_array_equal(a(z), f(z))
    np.testing.assert_array_equal(a.prime(z), f_prime(z))
    assert a.f is f.plain
    assert a.prime is f_prime.plain


def test_known_values():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(act.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-15)
    assert act.sigmoid(0.0) == 0.5
    assert act.sigmoid_prime(0.0) == 0.25
    np.testing.assert_array_equal(act.relu(z), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(act.relu_prime(z), [0.0, 0.0, 1.0])
    np.testing.assert_allclose(act.tanh(z), np.tanh(z), rtol=1e-15)
    assert act.tanh_prime(0.0) == 1.0
    np.testing.assert_array_equal(act.identity(z), z)
    np.testing.assert_array_equal(act.identity_prime(z), [1.0, 1.0, 1.0])


def test_relu_slope_at_the_kink_is_zero_like_pytorch():
    assert act.relu_prime(0.0) == 0.0


def test_identity_returns_a_new_array():
    z = np.array([1.0, 2.0])
    assert act.identity(z) is not z


def test_sigmoid_is_exactly_0_and_1_far_out_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(act.sigmoid([-1000.0, 1000.0]), [0.0, 1.0])
        np.testing.assert_array_equal(act.sigmoid_prime([-1000.0, 1000.0]), [0, 0])
        np.testing.assert_array_equal(
            act.sigmoid(np.array([-1000, 1000], np.float32)), [0.0, 1.0]
        )


@pytest.mark.parametrize("name", NAMES)
def test_float32_stays_float32(name):
    f, f_prime = PAIRS[name]
    z = np.linspace(-2, 2, 5, dtype=np.float32)
    assert f(z).dtype == np.float32
    assert f_prime(z).dtype == np.float32


@pytest.mark.parametrize("name", NAMES)
def test_other_input_becomes_float64(name):
    f, f_prime = PAIRS[name]
    assert f([1, 2]).dtype == np.float64
    assert f_prime([1, 2]).dtype == np.float64


@pytest.mark.parametrize("name", NAMES)
def test_the_callers_array_is_never_changed_nor_returned(name):
    z = np.array([-1.5, 0.0, 2.0])
    before = z.copy()
    for g in PAIRS[name]:
        out = g(z)
        assert out is not z
        out[...] = 7.0  # writing into the result leaves z alone
    np.testing.assert_array_equal(z, before)


def test_registry_names_its_entries():
    assert NAMES == ["sigmoid", "relu", "tanh", "identity"]
    for name in NAMES:
        assert act.get_activation(name).name == name


def test_unknown_activation_lists_the_known_names():
    with pytest.raises(ValueError, match="name must be one of 'sigmoid', 'relu'"):
        act.get_activation("softmax")


def test_activation_name_must_be_a_string():
    with pytest.raises(TypeError, match="name must be an activation name"):
        act.get_activation(act.relu)


PUBLIC = [g for pair in PAIRS.values() for g in pair]


@pytest.mark.parametrize("f", PUBLIC, ids=lambda f: f.__name__)
def test_text_input_is_a_type_error(f):
    with pytest.raises(TypeError, match="z must be numbers"):
        f("0.5")


@pytest.mark.parametrize("f", PUBLIC, ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", [np.nan, np.inf], ids=["nan", "inf"])
def test_non_finite_input_is_a_value_error(f, bad):
    with pytest.raises(ValueError, match="z must be finite"):
        f([0.0, bad])


@pytest.mark.parametrize("f", PUBLIC, ids=lambda f: f.__name__)
def test_empty_input_is_a_value_error(f):
    with pytest.raises(ValueError, match="z must not be empty"):
        f([])
