"""The general network: the passes against central differences, and its checks."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from handgrad import two_two_one
from handgrad.data import bell
from handgrad.gradcheck import numerical_gradient, relative_error
from handgrad.losses import mse, mse_gradient
from handgrad.network import Network, backward, forward

# Backpropagation against central differences (step 1e-5) of a float64 loss
# of order 1: the two agree to ~1e-9 when the algebra is right.
TOL = 1e-7
SMOOTH = ["sigmoid", "tanh", "identity"]


def randomised(net, seed):
    """``net`` with every weight and bias uniform in [-1, 1]: none is special."""
    rng = np.random.default_rng(seed)
    for array in net.W + net.b:
        array[...] = rng.uniform(-1, 1, array.shape)
    return net


@st.composite
def problems(draw, activations=st.sampled_from(SMOOTH)):  # noqa: B008
    """A network of 1-3 layers of 1-5 units, random parameters, and m = 1-6 samples."""
    sizes = draw(st.lists(st.integers(1, 5), min_size=2, max_size=4))
    names = [draw(activations) for _ in sizes[1:]]
    net = Network.init(sizes, names, seed=draw(st.integers(0, 2**32 - 1)))
    randomised(net, draw(st.integers(0, 9)))
    m = draw(st.integers(1, 6))
    unit = st.floats(-1, 1)
    X = draw(arrays(np.float64, (m, sizes[0]), elements=unit))
    Y = draw(arrays(np.float64, (m, sizes[-1]), elements=unit))
    return net, X, Y


def readable_gradients(net, X, Y):
    Z, A = forward(net, X)
    return backward(net, Z, A, mse_gradient(A[-1], Y))


def assert_gradients_match_central_differences(gradients, net, X, Y):
    dC_dW, dC_db = gradients
    for analytic, param in zip(dC_dW + dC_db, net.W + net.b, strict=True):
        assert analytic.shape == param.shape
        numeric = numerical_gradient(lambda: net.loss(X, Y), param)
        assert relative_error(analytic, numeric) < TOL


@settings(max_examples=30, deadline=None)
@given(problems())
def test_backward_matches_central_differences(problem):
    net, X, Y = problem
    assert_gradients_match_central_differences(readable_gradients(*problem), *problem)
    assert_gradients_match_central_differences(net.gradients(X, Y), net, X, Y)


@settings(max_examples=30, deadline=None)
@given(problems(activations=st.just("relu")))
def test_relu_network_gradients_match_central_differences_away_from_kinks(problem):
    net, X, _ = problem
    Z, _ = forward(net, X)
    # A nudge of 1e-5 to a parameter moves each Z by far less than 1e-3, so
    # no unit crosses its kink at 0 while the central differences are taken.
    assume(min(np.abs(Z_l).min() for Z_l in Z) > 1e-3)
    assert_gradients_match_central_differences(readable_gradients(*problem), *problem)


def test_forward_is_the_layer_equations():
    net = Network.init([3, 4, 2], ["tanh", "sigmoid"], seed=1)
    net.b[0][...] = [0.1, -0.2, 0.3, 0.0]
    X = np.random.default_rng(0).standard_normal((5, 3))
    A1 = np.tanh(X @ net.W[0] + net.b[0])
    A2 = 1 / (1 + np.exp(-(A1 @ net.W[1] + net.b[1])))
    Z, A = forward(net, X)
    assert [z.shape for z in Z] == [(5, 4), (5, 2)]
    assert [a.shape for a in A] == [(5, 3), (5, 4), (5, 2)]
    np.testing.assert_array_equal(A[0], X)
    np.testing.assert_allclose(A[1], A1, rtol=1e-14)
    np.testing.assert_allclose(A[2], A2, rtol=1e-14)
    np.testing.assert_array_equal(net(X), A[2])


def test_backward_is_the_four_formulas_written_out():
    net = randomised(Network.init([2, 3, 1], ["relu", "identity"], seed=3), 3)
    X, Y = np.array([[0.5, -1.0], [2.0, 0.3]]), np.array([[1.0], [0.0]])
    dC_dW, dC_db = readable_gradients(net, X, Y)
    Z1 = X @ net.W[0] + net.b[0]
    A1 = np.maximum(Z1, 0)
    dC_dZ2 = 2 * (A1 @ net.W[1] + net.b[1] - Y) / 2  # identity: f' = 1
    dC_dZ1 = (dC_dZ2 @ net.W[1].T) * (Z1 > 0)
    np.testing.assert_allclose(dC_dW[1], A1.T @ dC_dZ2, rtol=1e-14)
    np.testing.assert_allclose(dC_db[1], dC_dZ2.sum(axis=0), rtol=1e-14)
    np.testing.assert_allclose(dC_dW[0], X.T @ dC_dZ1, rtol=1e-14)
    np.testing.assert_allclose(dC_db[0], dC_dZ1.sum(axis=0), rtol=1e-14)


def test_a_2_2_1_sigmoid_network_computes_exactly_the_two_two_one_numbers():
    params = two_two_one.init_params()
    net = Network(
        [params.W1, params.W2], [params.b1, params.b2], ["sigmoid", "sigmoid"]
    )
    X = np.array([[0.5, 0.1], [-1.0, 2.0], [0.3, 0.3]])
    Y = np.array([[1.0], [0.0], [0.5]])
    cache = two_two_one.forward(params, X)
    Z, A = forward(net, X)
    for ours, theirs in zip(
        Z + A[1:], [cache.Z1, cache.Z2, cache.A1, cache.A2], strict=True
    ):
        np.testing.assert_array_equal(ours, theirs)
    grads = two_two_one.backward(params, cache, Y)
    dC_dW, dC_db = backward(net, Z, A, mse_gradient(A[-1], Y))
    expected = [grads.dC_dW1, grads.dC_dW2, grads.dC_db1, grads.dC_db2]
    for ours, theirs in zip(dC_dW + dC_db, expected, strict=True):
        np.testing.assert_array_equal(ours, theirs)
    assert mse(A[-1], Y) == two_two_one.loss(params, X, Y)


def test_loss_is_the_mse_of_the_output():
    net = Network.init([2, 3, 2], ["tanh", "identity"], seed=4)
    X, Y = np.ones((4, 2)), np.zeros((4, 2))
    assert net.loss(X, Y) == pytest.approx(np.mean(net(X) ** 2), rel=1e-14)


def test_init_is_seeded_he_for_relu_and_zero_biases():
    a = Network.init([100, 200, 1], ["relu", "identity"], seed=7)
    b = Network.init([100, 200, 1], ["relu", "identity"], seed=7)
    c = Network.init([100, 200, 1], ["relu", "identity"], seed=8)
    for x, y in zip(a.W, b.W, strict=True):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a.W[0], c.W[0])
    # 20,000 draws: the sample standard deviation is within 2% of sqrt(2/100).
    assert a.W[0].std() == pytest.approx(np.sqrt(2 / 100), rel=0.02)
    assert a.W[1].std() == pytest.approx(np.sqrt(1 / 200), rel=0.2)
    assert not np.any(a.b[0])
    assert not np.any(a.b[1])
    assert a.sizes == [100, 200, 1]
    assert a.n_parameters == (100 + 1) * 200 + (200 + 1) * 1


def test_network_from_given_arrays_copies_them():
    W, b = [np.array([[2.0]])], [np.array([1.0])]
    net = Network(W, b, ["identity"])
    W[0][0, 0] = 5.0
    np.testing.assert_array_equal(net([[3.0]]), [[7.0]])
    net.W[0][0, 0] = 3.0
    assert W[0][0, 0] == 5.0


X_BELL, Y_BELL = bell()


def test_float32_on_request():
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=1, dtype=np.float32)
    assert all(p.dtype == np.float32 for p in net.W + net.b)
    assert net(X_BELL).dtype == np.float32
    dC_dW, dC_db = net.gradients(X_BELL, Y_BELL)
    assert all(g.dtype == np.float32 for g in dC_dW + dC_db)


def test_a_value_too_large_for_float32_names_float32():
    net = Network.init([1, 1], ["identity"], dtype=np.float32)
    with pytest.raises(ValueError, match="X must fit in float32, whose largest"):
        net([[1e39]])


# Bad input: one test per case, each naming the argument.
NET = Network.init([2, 3, 1], ["tanh", "identity"], seed=0)
X_OK, Y_OK = np.ones((4, 2)), np.ones((4, 1))


@pytest.mark.parametrize(
    ("X", "Y", "error", "message"),
    [
        (np.ones((4, 3)), Y_OK, ValueError, r"X must have 2 column\(s\)"),
        (np.ones(4), Y_OK, ValueError, "X must have 2 dimensions"),
        (X_OK, np.ones((4, 2)), ValueError, r"Y must have 1 column\(s\)"),
        (X_OK, np.ones((3, 1)), ValueError, "X and Y must have the same number"),
        (np.ones((0, 2)), np.ones((0, 1)), ValueError, "X must not be empty"),
        ([[1.0, np.nan]] * 4, Y_OK, ValueError, "X must be finite"),
        (X_OK, [[np.inf]] * 4, ValueError, "Y must be finite"),
        ([["a", "b"]] * 4, Y_OK, TypeError, "X must be numbers"),
        (None, Y_OK, TypeError, "X must be numbers, got None"),
    ],
    ids=[
        "X-columns",
        "X-1d",
        "Y-columns",
        "rows",
        "empty",
        "nan",
        "inf",
        "text",
        "none",
    ],
)
def test_bad_data_is_rejected_by_every_method(X, Y, error, message):
    with pytest.raises(error, match=message):
        NET.gradients(X, Y)
    with pytest.raises(error, match=message):
        NET.loss(X, Y)


@pytest.mark.parametrize(
    ("sizes", "error", "message"),
    [
        ([1, 0, 1], ValueError, r"sizes\[1\] must be at least 1"),
        ([1, 2.0, 1], TypeError, r"sizes\[1\] must be an integer"),
        ([3], ValueError, "sizes must list at least 2"),
        ("121", TypeError, "sizes must be a list"),
        (None, TypeError, "sizes must be a list"),
    ],
    ids=["zero-units", "float-size", "one-size", "string", "none"],
)
def test_bad_sizes_are_rejected(sizes, error, message):
    with pytest.raises(error, match=message):
        Network.init(sizes, ["relu", "relu"])


@pytest.mark.parametrize(
    ("activations", "error", "message"),
    [
        (["relu", "softmax"], ValueError, r"activations\[1\] must be one of 'sigmoid'"),
        (["relu", None], TypeError, r"activations\[1\] must be an activation name"),
        (["relu"], ValueError, r"one activation per layer \(2\), got 1"),
        ("relu", TypeError, "activations must be a list of names"),
        (None, TypeError, "activations must be a list of names"),
    ],
    ids=["unknown", "not-a-string", "too-few", "string", "none"],
)
def test_bad_activations_are_rejected(activations, error, message):
    with pytest.raises(error, match=message):
        Network.init([1, 2, 1], activations)


@pytest.mark.parametrize("dtype", [np.int64, np.float16, "banana", complex])
def test_only_float32_and_float64_are_accepted(dtype):
    with pytest.raises(ValueError, match="dtype must be float32 or float64"):
        Network.init([1, 1], ["identity"], dtype=dtype)


@pytest.mark.parametrize(
    ("W", "b", "error", "message"),
    [
        ([], [], ValueError, "W must hold at least one layer"),
        (None, [], TypeError, "W must be a list of one array per layer, got None"),
        ([np.ones((1, 2))], None, TypeError, "b must be a list of one array"),
        ([np.ones((1, 2))], [], ValueError, r"b must hold one array per layer"),
        ([np.ones((1, 2))], [np.ones(3)], ValueError, r"b\[0\] must be an array of"),
        ([None], [np.ones(2)], TypeError, r"W\[0\] must be numbers, got None"),
        (
            [np.ones((1, 2)), np.ones((3, 1))],
            [np.ones(2), np.ones(1)],
            ValueError,
            r"W\[1\] must be an array of shape \(2, 1\)",
        ),
    ],
    ids=["no-layers", "W-none", "b-none", "missing-b", "b-shape", "W0-none", "chain"],
)
def test_inconsistent_parameters_are_rejected(W, b, error, message):
    with pytest.raises(error, match=message):
        Network(W, b, ["identity"] * (len(W) if W else 1))


def test_parameters_changed_after_construction_are_checked_at_every_door():
    net = Network.init([2, 3, 1], ["relu", "identity"], seed=0)
    net.W[0][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"must be finite, got NaN or inf"):
        net.gradients(X_OK, Y_OK)
    with pytest.raises(ValueError, match=r"W\[0\] must be finite"):
        net(X_OK)
    net.W[0] = np.ones((3, 3))
    with pytest.raises(ValueError, match=r"W\[0\] must be an array of shape \(2, 3\)"):
        net.gradients(X_OK, Y_OK)
    net.W = None
    with pytest.raises(TypeError, match="W must be a list of 2 arrays, got None"):
        net.loss(X_OK, Y_OK)


def test_forward_and_backward_name_what_they_need():
    with pytest.raises(TypeError, match="net must be a Network, got None"):
        forward(None, X_OK)
    Z, A = forward(NET, X_OK)
    with pytest.raises(ValueError, match="dC_dA must have the shape of the output"):
        backward(NET, Z, A, np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"Z must hold 2 arrays, got 1"):
        backward(NET, Z[:1], A, np.ones((4, 1)))
    with pytest.raises(TypeError, match="A must be the list forward returned"):
        backward(NET, Z, None, np.ones((4, 1)))
    with pytest.raises(ValueError, match=r"A\[1\] must have shape \(4, 3\)"):
        backward(NET, Z, [A[0], A[1][:2], A[2]], np.ones((4, 1)))


def test_the_passes_overflowing_is_a_clear_error():
    net = Network([[[1e200]]], [[0.0]], ["identity"])
    with pytest.raises(ValueError, match="left the finite numbers"):
        net.gradients([[1e200]], [[0.0]])
