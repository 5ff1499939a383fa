"""A network of values: the same loss, gradients and training as the matrix code.

The page *An autodiff engine* claims that one backward() on a network built
from values gives the numbers of handgrad.network (and, for the 2-2-1
network, of handgrad.two_two_one); these tests check it.
"""

import numpy as np
import pytest

from handgrad import training, two_two_one
from handgrad.data import bell
from handgrad.fit import DivergenceError, Fit
from handgrad.network import Network
from handgrad.value_network import ValueNetwork, train

# The same float64 sums in different orders: equal to about 1e-16.
TOL = {"rtol": 1e-12, "atol": 1e-14}


def test_the_2_2_1_network_gives_the_gradients_of_two_two_one_and_network():
    params = two_two_one.init_params()
    X, Y = np.array(two_two_one.EXAMPLE_X), np.array(two_two_one.EXAMPLE_Y)
    by_hand = two_two_one.backward(params, two_two_one.forward(params, X), Y)
    net = Network([params.W1, params.W2], [params.b1, params.b2], ["sigmoid"] * 2)
    dC_dW, dC_db = ValueNetwork(net).gradients(X, Y)
    expected_W = [by_hand.dC_dW1, by_hand.dC_dW2]
    expected_b = [by_hand.dC_db1, by_hand.dC_db2]
    matrix_W, matrix_b = net.gradients(X, Y)
    for ours, hand, matrix in zip(
        dC_dW + dC_db, expected_W + expected_b, matrix_W + matrix_b, strict=True
    ):
        np.testing.assert_allclose(ours, hand, **TOL)
        np.testing.assert_allclose(ours, matrix, **TOL)


@pytest.mark.parametrize(
    ("sizes", "names"),
    [([1, 4, 1], ["tanh", "identity"]), ([2, 3, 2], ["relu", "sigmoid"])],
)
def test_loss_and_gradients_equal_the_matrix_code(sizes, names):
    rng = np.random.default_rng(1)
    net = Network.init(sizes, names, seed=1)
    X = rng.standard_normal((5, sizes[0]))
    Y = rng.standard_normal((5, sizes[-1]))
    values = ValueNetwork(net)
    assert values.loss(X, Y).data == pytest.approx(net.loss(X, Y), rel=1e-13)
    (dC_dW, dC_db), (matrix_W, matrix_b) = values.gradients(X, Y), net.gradients(X, Y)
    for ours, matrix in zip(dC_dW + dC_db, matrix_W + matrix_b, strict=True):
        np.testing.assert_allclose(ours, matrix, **TOL)


def test_training_takes_the_steps_of_the_matrix_code():
    X, Y = bell(8)
    net = Network.init([1, 4, 1], ["tanh", "identity"])
    values = ValueNetwork(net)
    fit = train(values, X, Y, learning_rate=0.05, steps=5)
    matrix = training.train(net, X, Y, learning_rate=0.05, steps=5)
    assert isinstance(fit, Fit)
    assert fit.params is values
    assert fit.steps == 5
    np.testing.assert_allclose(fit.loss, matrix.loss, **TOL)
    for ours, theirs in zip(values.network().W, matrix.params.W, strict=True):
        np.testing.assert_allclose(ours, theirs, **TOL)


def test_training_diverges_with_the_one_error():
    X, Y = bell(8)
    values = ValueNetwork(Network.init([1, 1], ["identity"]))
    with pytest.raises(DivergenceError, match="learning_rate"):
        train(values, X, Y, learning_rate=10.0, steps=100)


def test_parameters_are_every_weight_and_bias_once():
    net = Network.init([2, 3, 1], ["tanh", "identity"])
    values = ValueNetwork(net)
    assert len(values.parameters()) == net.n_parameters == 13
    assert len({id(p) for p in values.parameters()}) == 13


def test_the_network_is_copied_not_shared():
    net = Network.init([1, 2, 1], ["tanh", "identity"])
    before = [w.copy() for w in net.W]
    values = ValueNetwork(net)
    X, Y = bell(4)
    train(values, X, Y, learning_rate=0.1, steps=2)
    for w, w0 in zip(net.W, before, strict=True):
        np.testing.assert_array_equal(w, w0)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda v: ValueNetwork("net"), TypeError, "net must be a Network"),
        (lambda v: v.loss([[1.0, 2.0]], [[1.0]]), ValueError, "X must have 1 column"),
        (lambda v: v.loss([[1.0]], [[1.0], [2.0]]), ValueError, "same"),
        (lambda v: v.output([1.0, 2.0]), ValueError, "x must hold 1 number"),
        (lambda v: v.output("a"), TypeError, "x must"),
        (lambda v: v.output([float("nan")]), ValueError, "x must"),
        (
            lambda v: train("v", [[1.0]], [[1.0]], learning_rate=0.1, steps=1),
            TypeError,
            "net must be a ValueNetwork",
        ),
        (
            lambda v: train(v, [[1.0]], [[1.0]], learning_rate=-1, steps=1),
            ValueError,
            "learning_rate must be a positive",
        ),
        (
            lambda v: train(v, [[1.0]], [[1.0]], learning_rate=0.1, steps=0),
            ValueError,
            "steps must be at least 1",
        ),
    ],
)
def test_bad_input_is_named(call, error, message):
    values = ValueNetwork(Network.init([1, 2, 1], ["tanh", "identity"]))
    with pytest.raises(error, match=message):
        call(values)


def test_the_output_of_one_sample_is_the_networks():
    net = Network.init([2, 3, 2], ["tanh", "sigmoid"])
    x = np.array([0.3, -1.2])
    out = [a.data for a in ValueNetwork(net).output(x)]
    np.testing.assert_allclose(out, net(x[None, :])[0], **TOL)


def test_a_float32_network_is_refused():
    net = Network.init([1, 2, 1], ["tanh", "identity"], dtype=np.float32)
    with pytest.raises(TypeError, match="net must hold float64 numbers"):
        ValueNetwork(net)
