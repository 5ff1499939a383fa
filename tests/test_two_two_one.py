"""The 2-2-1 sigmoid network: shapes, gradients, training, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from handgrad import two_two_one as net
from handgrad.fit import DivergenceError
from handgrad.gradcheck import check_gradient

FEW = settings(max_examples=30, deadline=None)
GOOD_X, GOOD_Y = [[0.5, 0.1], [0.2, 0.3]], [[1.0], [0.0]]
PARAMS = ["W1", "b1", "W2", "b2"]
SHAPES = {"W1": (2, 2), "b1": (2,), "W2": (2, 1), "b2": (1,)}


def random_params(seed):
    """Every parameter standard normal, biases too, so that none is special."""
    rng = np.random.default_rng(seed)
    return net.Params(**{name: rng.standard_normal(SHAPES[name]) for name in PARAMS})


@st.composite
def problems(draw):
    """Random parameters and a batch of 1 to 8 samples with targets in [0, 1]."""
    m = draw(st.integers(1, 8))
    X = draw(hnp.arrays(np.float64, (m, 2), elements=st.floats(-3, 3)))
    Y = draw(hnp.arrays(np.float64, (m, 1), elements=st.floats(0, 1)))
    return random_params(draw(st.integers(0, 2**32 - 1))), X, Y


# --- the gradient, against central differences ---------------------------------


@FEW
@pytest.mark.parametrize("name", PARAMS)
@given(problem=problems())
def test_gradient_matches_central_differences(name, problem):
    params, X, Y = problem
    grads = net.backward(params, net.forward(params, X), Y)
    # check_gradient nudges params.<name> in place; the closure reads it.
    error = check_gradient(
        lambda: net.loss(params, X, Y),
        getattr(params, name),
        getattr(grads, f"dC_d{name}"),
    )
    # Measured over 10,000 such examples: at most 1.7e-8.
    assert error < 1e-7


def test_gradient_on_the_example_matches_central_differences():
    params = net.init_params()
    X, Y = np.array(net.EXAMPLE_X), np.array(net.EXAMPLE_Y)
    grads = net.backward(params, net.forward(params, X), Y)
    for name in PARAMS:
        analytic = getattr(grads, f"dC_d{name}")
        x = getattr(params, name)
        assert check_gradient(lambda: net.loss(params, X, Y), x, analytic) < 1e-7


# --- shapes ------------------------------------------------------------------------


@pytest.mark.parametrize("m", [1, 2, 8])
def test_every_cache_and_gradient_entry_has_its_documented_shape(m):
    rng = np.random.default_rng(m)
    params = random_params(m)
    X, Y = rng.standard_normal((m, 2)), rng.uniform(size=(m, 1))
    cache = net.forward(params, X)
    assert {k: v.shape for k, v in vars(cache).items()} == {
        "X": (m, 2),
        "Z1": (m, 2),
        "A1": (m, 2),
        "Z2": (m, 1),
        "A2": (m, 1),
    }
    grads = net.backward(params, cache, Y)
    assert {k: v.shape for k, v in vars(grads).items()} == {
        f"dC_d{name}": shape for name, shape in SHAPES.items()
    }


def test_init_params_is_seeded_normal_weights_and_zero_biases():
    params = net.init_params(seed=7)
    again = net.init_params(seed=7)
    other = net.init_params(seed=8)
    for name in PARAMS:
        assert getattr(params, name).shape == SHAPES[name]
        np.testing.assert_array_equal(getattr(params, name), getattr(again, name))
    assert not np.array_equal(params.W1, other.W1)
    np.testing.assert_array_equal(params.b1, 0.0)
    np.testing.assert_array_equal(params.b2, 0.0)


def test_example_is_one_row_of_two_inputs_and_one_target():
    assert np.shape(net.EXAMPLE_X) == (1, 2)
    assert np.shape(net.EXAMPLE_Y) == (1, 1)


# --- the forward pass, the loss and the update ------------------------------------


def sigma(z):
    return 1 / (1 + np.exp(-z))


def test_forward_follows_the_formulas_unit_by_unit():
    # W1[i, j] connects input i to hidden unit j; W2[j, 0] connects unit j to
    # the output. Written out with scalars, for the example.
    params = random_params(3)
    W1, b1, W2, b2 = params.W1, params.b1, params.W2, params.b2
    x1, x2 = net.EXAMPLE_X[0]
    a = [sigma(x1 * W1[0, j] + x2 * W1[1, j] + b1[j]) for j in (0, 1)]
    prediction = sigma(a[0] * W2[0, 0] + a[1] * W2[1, 0] + b2[0])
    cache = net.forward(params, net.EXAMPLE_X)
    np.testing.assert_allclose(cache.A1, [a], rtol=1e-14)
    np.testing.assert_allclose(cache.A2, [[prediction]], rtol=1e-14)


def test_loss_is_the_mean_over_samples_of_the_squared_error():
    params = random_params(4)
    X = np.array([[0.5, 0.1], [-1.0, 2.0], [0.0, 0.0]])
    Y = np.array([[1.0], [0.0], [0.5]])
    A2 = net.forward(params, X).A2
    expected = sum((A2[i, 0] - Y[i, 0]) ** 2 for i in range(3)) / 3
    assert net.loss(params, X, Y) == pytest.approx(expected, rel=1e-14)


def test_update_moves_every_parameter_against_its_gradient_and_keeps_the_old():
    params = random_params(5)
    before = {name: getattr(params, name).copy() for name in PARAMS}
    grads = net.backward(params, net.forward(params, net.EXAMPLE_X), net.EXAMPLE_Y)
    new = net.update(params, grads, learning_rate=0.5)
    for name in PARAMS:
        expected = before[name] - 0.5 * getattr(grads, f"dC_d{name}")
        np.testing.assert_array_equal(getattr(new, name), expected)
        np.testing.assert_array_equal(getattr(params, name), before[name])


def test_one_small_step_lowers_the_loss_on_the_example():
    params = net.init_params()
    X, Y = net.EXAMPLE_X, net.EXAMPLE_Y
    grads = net.backward(params, net.forward(params, X), Y)
    new = net.update(params, grads, learning_rate=0.1)
    assert net.loss(new, X, Y) < net.loss(params, X, Y)


# --- training ------------------------------------------------------------------------


def test_training_on_the_example_drives_the_prediction_toward_one():
    params = net.init_params()
    fit = net.train(params, net.EXAMPLE_X, net.EXAMPLE_Y, learning_rate=1.0, steps=1000)
    prediction = net.forward(fit.params, net.EXAMPLE_X).A2[0, 0]
    assert fit.loss[0] == net.loss(params, net.EXAMPLE_X, net.EXAMPLE_Y)
    assert fit.loss[-1] < 1e-3 * fit.loss[0]
    assert prediction > 0.98
    assert np.all(np.diff(fit.loss) < 0)


def test_train_records_the_loss_after_each_update_and_keeps_the_start():
    start = net.init_params(seed=1)
    before = {name: getattr(start, name).copy() for name in PARAMS}
    fit = net.train(start, net.EXAMPLE_X, net.EXAMPLE_Y, learning_rate=1.0, steps=3)
    assert fit.loss.shape == (4,)
    assert fit.steps == 3
    assert not fit.converged
    assert fit.loss[0] == net.loss(start, net.EXAMPLE_X, net.EXAMPLE_Y)
    assert fit.loss[-1] == net.loss(fit.params, net.EXAMPLE_X, net.EXAMPLE_Y)
    for name in PARAMS:
        np.testing.assert_array_equal(getattr(start, name), before[name])


def test_training_several_samples_lowers_the_loss():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((8, 2))
    Y = (X[:, :1] * X[:, 1:] > 0).astype(float)  # XOR-like signs
    fit = net.train(net.init_params(), X, Y, learning_rate=2.0, steps=200)
    assert fit.loss[-1] < fit.loss[0]


def test_saturated_units_train_without_error():
    # Inputs this large saturate every sigmoid: slopes vanish, nothing overflows.
    fit = net.train(
        net.init_params(), [[1e3, -1e3]], [[1.0]], learning_rate=1.0, steps=5
    )
    assert np.all(np.isfinite(fit.loss))


def test_overflow_in_the_forward_pass_is_a_clear_error():
    params = net.Params(W1=np.full((2, 2), 2.0), b1=[0, 0], W2=[[1], [1]], b2=[0])
    with pytest.raises(ValueError, match="the forward pass left the finite numbers"):
        net.forward(params, [[1e308, 1e308]])


def test_a_learning_rate_that_overflows_the_update_raises_divergence():
    params = net.init_params()
    grads = net.Gradients(*(np.full(shape, 10.0) for shape in SHAPES.values()))
    with pytest.raises(DivergenceError, match=r"learning_rate=1e\+308 moves W1"):
        net.update(params, grads, learning_rate=1e308)


def test_gradients_of_the_wrong_shape_are_refused():
    params = net.init_params()
    with pytest.raises(
        ValueError, match=r"dC_dW2 must have shape \(2, 1\), got \(2,\)"
    ):
        net.Gradients(params.W1, params.b1, np.zeros(2), params.b2)
    with pytest.raises(TypeError, match="grads must be Gradients, got None"):
        net.update(params, None, learning_rate=0.1)
    with pytest.raises(TypeError, match="params must be Params, got None"):
        net.forward(None, GOOD_X)


# --- bad input: one test per case ----------------------------------------------------


@pytest.mark.parametrize(
    ("X", "error", "message"),
    [
        pytest.param([0.5, 0.1], ValueError, "X must have 2 dimensions", id="1d"),
        pytest.param(
            [[0.5, 0.1, 0.2]] * 2, ValueError, "X must have shape", id="3-cols"
        ),
        pytest.param(np.zeros((0, 2)), ValueError, "X must not be empty", id="empty"),
        pytest.param([[np.nan, 0.1]] * 2, ValueError, "X must be finite", id="nan"),
        pytest.param("inputs", TypeError, "X must be numbers", id="text"),
    ],
)
def test_bad_inputs_raise(X, error, message):
    with pytest.raises(error, match=message):
        net.train(net.init_params(), X, GOOD_Y, learning_rate=1.0, steps=1)


@pytest.mark.parametrize(
    ("Y", "error", "message"),
    [
        pytest.param([1.0, 0.0], ValueError, "Y must have 2 dimensions", id="1d"),
        pytest.param([[1.0, 0.0]] * 2, ValueError, "Y must have shape", id="2-cols"),
        pytest.param([[1.0]], ValueError, "same number of samples", id="fewer-rows"),
        pytest.param([[np.inf], [0.0]], ValueError, "Y must be finite", id="inf"),
        pytest.param(None, TypeError, "Y must be numbers", id="none"),
    ],
)
def test_bad_targets_raise(Y, error, message):
    with pytest.raises(error, match=message):
        net.train(net.init_params(), GOOD_X, Y, learning_rate=1.0, steps=1)


@pytest.mark.parametrize(
    ("learning_rate", "error", "message"),
    [
        pytest.param(0.0, ValueError, "positive finite", id="zero"),
        pytest.param(-0.1, ValueError, "positive finite", id="negative"),
        pytest.param(np.nan, ValueError, "positive finite", id="nan"),
        pytest.param(np.inf, ValueError, "positive finite", id="inf"),
        pytest.param("0.1", TypeError, "positive number", id="text"),
    ],
)
def test_bad_learning_rate_raises(learning_rate, error, message):
    with pytest.raises(error, match=f"learning_rate must be a {message}"):
        net.train(
            net.init_params(), GOOD_X, GOOD_Y, learning_rate=learning_rate, steps=1
        )


def test_bad_learning_rate_in_update_raises():
    params = net.init_params()
    grads = net.backward(params, net.forward(params, GOOD_X), GOOD_Y)
    with pytest.raises(ValueError, match="learning_rate must be a positive finite"):
        net.update(params, grads, learning_rate=-1.0)


@pytest.mark.parametrize(
    ("steps", "error", "message"),
    [
        pytest.param(0, ValueError, "steps must be at least 1", id="zero"),
        pytest.param(-5, ValueError, "steps must be at least 1", id="negative"),
        pytest.param(2.5, TypeError, "steps must be an integer", id="float"),
        pytest.param(True, TypeError, "steps must be an integer", id="bool"),
    ],
)
def test_bad_steps_raises(steps, error, message):
    with pytest.raises(error, match=message):
        net.train(net.init_params(), GOOD_X, GOOD_Y, learning_rate=1.0, steps=steps)


def test_forward_checks_the_inputs():
    with pytest.raises(ValueError, match=r"X must have shape \(m, 2\)"):
        net.forward(net.init_params(), [[1.0, 2.0, 3.0]])


def test_backward_checks_the_targets_against_the_cached_inputs():
    params = net.init_params()
    cache = net.forward(params, GOOD_X)
    with pytest.raises(ValueError, match="same number of samples, got 2 and 3"):
        net.backward(params, cache, [[1.0], [0.0], [1.0]])


def test_loss_checks_the_targets():
    with pytest.raises(ValueError, match=r"Y must have shape \(m, 1\)"):
        net.loss(net.init_params(), GOOD_X, [[1.0, 0.0], [0.0, 1.0]])


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        pytest.param(
            "W1",
            np.zeros((2, 3)),
            r"W1 must have shape \(2, 2\), got \(2, 3\)",
            id="W1-shape",
        ),
        pytest.param(
            "b1",
            np.zeros((1, 2)),
            r"b1 must have shape \(2,\), got \(1, 2\)",
            id="b1-shape",
        ),
        pytest.param(
            "W2", np.zeros(2), r"W2 must have shape \(2, 1\), got \(2,\)", id="W2-shape"
        ),
        pytest.param("b2", [np.nan], "b2 must be finite", id="b2-nan"),
    ],
)
def test_bad_params_raise_value_error(name, value, message):
    good = {k: np.zeros(shape) for k, shape in SHAPES.items()}
    with pytest.raises(ValueError, match=message):
        net.Params(**(good | {name: value}))
