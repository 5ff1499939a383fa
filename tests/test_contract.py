"""What holds across the whole package: one contract, one seed, checked doors.

The issue "One readable library" asked for these: every training loop
returns a Fit and raises the one DivergenceError; every seed defaults to 0
and rejects what is not a seed; a name means one thing; no function changes
an array it is given.
"""

import importlib
import inspect
import pkgutil

import numpy as np
import pytest

import handgrad
from handgrad import (
    data,
    descent,
    digits,
    linear,
    losses,
    metrics,
    softmax,
    two_two_one,
    value_network,
)
from handgrad._validate import DEFAULT_SEED
from handgrad.activations import ACTIVATIONS
from handgrad.chain_rule import ds_dx
from handgrad.fit import DivergenceError, Fit
from handgrad.gradcheck import relative_error
from handgrad.minibatch import classifier_gradients, minibatches, train_classifier
from handgrad.network import Network, backward, forward
from handgrad.optim import SGD, Adam, Momentum
from handgrad.training import step, train
from handgrad.value_network import ValueNetwork

MODULES = [
    importlib.import_module(f"handgrad.{info.name}")
    for info in pkgutil.iter_modules(handgrad.__path__)
    if not info.name.startswith("_")
]
SEEDED = [data.mass_height, data.bell, two_two_one.init_params, Network.init]
SEEDED += [train_classifier, digits.load_digits, digits.train_digits]


def test_every_training_loop_returns_a_fit():
    x, y = data.mass_height()
    line = descent.gradient_descent(
        x, y, learning_rate=0.1, loss="mse", standardize=True
    )
    small = two_two_one.train(
        two_two_one.init_params(), [[0.5, 0.1]], [[1.0]], learning_rate=1.0, steps=3
    )
    X, Y = data.bell(16)
    net = Network.init([1, 3, 1], ["relu", "identity"])
    fits = [line, small, train(net, X, Y, learning_rate=0.1, steps=3)]
    classes = Network.init([1, 3, 2], ["relu", "identity"])
    y = (X[:, 0] > 0).astype(int)
    fits.append(
        train_classifier(classes, X, y, optimizer=SGD(0.1), epochs=2, batch_size=4)
    )
    for fit in fits:
        assert isinstance(fit, Fit)
        assert fit.loss.shape == (fit.steps + 1,)
        assert isinstance(fit.converged, bool)


def test_every_training_loop_raises_the_one_divergence_error():
    x, y = data.mass_height()
    X, Y = data.bell(16)
    runs = [
        lambda: descent.gradient_descent(x, y, learning_rate=1.0),
        lambda: two_two_one.update(
            two_two_one.init_params(),
            two_two_one.Gradients(np.ones((2, 2)), [1, 1], [[1], [1]], [10]),
            learning_rate=1e308,
        ),
        # A line through the bell's x, of curvature about 2 mean(x^2) = 8: a
        # learning rate above 2 / 8 multiplies its error at every step.
        lambda: train(
            Network.init([1, 1], ["identity"]), X, Y, learning_rate=10.0, steps=100
        ),
        lambda: train_classifier(
            Network.init([1, 2], ["identity"]),
            X * 1e150,
            (X[:, 0] > 0).astype(int),
            optimizer=Momentum(1e200),
            epochs=2,
            batch_size=4,
        ),
    ]
    for run in runs:
        with pytest.raises(DivergenceError, match="learning_rate"):
            run()


@pytest.mark.parametrize("function", SEEDED, ids=lambda f: f.__qualname__)
def test_every_seed_defaults_to_the_one_default(function):
    assert inspect.signature(function).parameters["seed"].default == DEFAULT_SEED == 0


def _call_with_seed(function, seed):
    if function == Network.init:  # a bound method: == compares what it binds
        return function([1, 2, 1], ["relu", "identity"], seed=seed)
    if function is train_classifier:
        net = Network.init([1, 2], ["identity"])
        return function(
            net, [[0.0]], [1], optimizer=SGD(0.1), epochs=1, batch_size=1, seed=seed
        )
    return function(seed=seed)


@pytest.mark.parametrize("function", SEEDED, ids=lambda f: f.__qualname__)
@pytest.mark.parametrize(
    ("seed", "error", "message"),
    [
        (-1, ValueError, "seed must be at least 0, got -1"),
        (1.5, TypeError, "seed must be an integer of at least 0, got 1.5"),
        ("7", TypeError, "seed must be an integer of at least 0, got '7'"),
        (True, TypeError, "seed must be an integer of at least 0, got True"),
        (None, TypeError, "seed must be an integer of at least 0, got None"),
    ],
    ids=["negative", "fraction", "text", "bool", "none"],
)
def test_a_bad_seed_is_named(function, seed, error, message):
    with pytest.raises(error, match=message):
        _call_with_seed(function, seed)


@pytest.mark.parametrize("function", [data.mass_height, data.bell])
@pytest.mark.parametrize("noise", [np.nan, np.inf, -1.0])
def test_data_noise_must_be_a_finite_amount(function, noise):
    with pytest.raises(ValueError, match="noise must be"):
        function(noise=noise)


def test_a_name_means_one_thing():
    # Names that two modules share are the same idea, written for two models:
    # the forward and backward passes and training of the 2-2-1 network and
    # of a network of any size, and training of a network of autodiff values
    # (handgrad.value_network, the same loop on Values). Everything else is
    # defined once.
    owners = {}
    for module in MODULES:
        for name in getattr(module, "__all__", []):
            owners.setdefault(name, []).append(module.__name__)
    shared = {name for name, where in owners.items() if len(where) > 1}
    assert shared == {"forward", "backward", "train"}
    assert set(owners["train"]) == {
        "handgrad.two_two_one",
        "handgrad.training",
        "handgrad.value_network",
    }


def test_least_squares_survives_numbers_of_any_size():
    x = np.array([1.0, 2.0, 3.0, 5.0])
    for scale in (1e170, 1e-200, 1.0):
        b, w = linear.least_squares(x * scale, (2 * x + 1) * scale)
        assert b == pytest.approx(scale, rel=1e-12)
        assert w == pytest.approx(2.0, rel=1e-12)


def test_relative_error_survives_the_largest_floats():
    assert relative_error([1e308], [-1e308]) == 1.0
    assert relative_error([-1e308], [-1e308]) == 0.0
    assert relative_error([1e308], [1e307]) == pytest.approx(9 / 11, rel=1e-15)


def _calls():
    """Public functions called on arrays of the caller's, one call each."""
    rng = np.random.default_rng(0)
    x, y = rng.uniform(1, 2, 6), rng.uniform(1, 2, 6)
    X, Y = rng.standard_normal((5, 2)), rng.standard_normal((5, 1))
    net = Network.init([2, 3, 1], ["tanh", "identity"])
    params = two_two_one.init_params()
    Z, A = forward(net, X)
    dC_dA = losses.mse_gradient(A[-1], Y)
    yield "ssr", lambda: linear.ssr(x, y, 0.5, 1.0), [x, y]
    yield "least_squares", lambda: linear.least_squares(x, y), [x, y]
    yield (
        "gradient_descent",
        lambda: descent.gradient_descent(x, y, learning_rate=0.01, standardize=True),
        [x, y],
    )
    yield "mse", lambda: losses.mse(A[-1], Y), [A[-1], Y]
    yield "mse_gradient", lambda: losses.mse_gradient(A[-1], Y), [A[-1], Y]
    for name, f in ACTIVATIONS.items():
        yield name, lambda f=f: (f.f(x), f.prime(x)), [x]
    yield "ds_dx", lambda: ds_dx(x), [x]
    yield "relative_error", lambda: relative_error(x, y), [x, y]
    yield "forward", lambda: forward(net, X), [X]
    yield "backward", lambda: backward(net, Z, A, dC_dA), [*Z, *A, dC_dA]
    yield "gradients", lambda: net.gradients(X, Y), [X, Y]
    yield "train", lambda: train(net, X, Y, learning_rate=0.01, steps=2), [X, Y]
    gradients = net.gradients(X, Y)
    yield "step", lambda: step(net, gradients, 0.01), [*gradients[0], *gradients[1]]
    values = ValueNetwork(net)
    yield "ValueNetwork", lambda: ValueNetwork(net), [*net.W, *net.b]
    yield "ValueNetwork.loss", lambda: values.loss(X, Y), [X, Y]
    yield "ValueNetwork.gradients", lambda: values.gradients(X, Y), [X, Y]
    yield (
        "value_network.train",
        lambda: value_network.train(values, X, Y, learning_rate=0.01, steps=1),
        [X, Y, *net.W, *net.b],
    )
    cache = two_two_one.forward(params, X)
    labels = np.array([0, 1, 1, 0, 1])
    Z_L, Y_L = Z[-1] @ np.ones((1, 2)), softmax.one_hot(labels, 2)
    classes = Network.init([2, 3, 2], ["relu", "identity"])
    yield "one_hot", lambda: softmax.one_hot(labels, 2), [labels]
    yield "softmax", lambda: softmax.softmax(Z_L), [Z_L]
    yield "log_softmax", lambda: softmax.log_softmax(Z_L), [Z_L]
    yield "cross_entropy", lambda: softmax.cross_entropy(Z_L, Y_L), [Z_L, Y_L]
    yield (
        "cross_entropy_gradient",
        lambda: softmax.cross_entropy_gradient(Z_L, Y_L),
        [Z_L, Y_L],
    )
    yield "accuracy", lambda: metrics.accuracy(labels, labels[::-1]), [labels]
    yield (
        "confusion_matrix",
        lambda: metrics.confusion_matrix(labels, labels, 2),
        [labels],
    )
    theta = [rng.standard_normal(3), rng.standard_normal((2, 2))]
    g = [rng.standard_normal(3), rng.standard_normal((2, 2))]
    for opt in (SGD(0.1), Momentum(0.1), Adam(0.1)):
        name = type(opt).__name__
        yield name, lambda opt=opt: tuple(opt.step(theta, g)), [*theta, *g]
    yield (
        "classifier_gradients",
        lambda: classifier_gradients(classes, X, Y_L),
        [X, Y_L, *classes.W, *classes.b],
    )
    yield "minibatches", lambda: tuple(minibatches(5, 2, rng)), []
    yield (
        "train_classifier",
        lambda: train_classifier(
            classes,
            X,
            labels,
            optimizer=Adam(0.01),
            epochs=2,
            batch_size=2,
            validation=(X, labels),
        ),
        [X, labels],
    )
    yield "two_two_one.forward", lambda: two_two_one.forward(params, X), [X]
    yield "two_two_one.backward", lambda: two_two_one.backward(params, cache, Y), [Y]
    yield (
        "two_two_one.train",
        lambda: two_two_one.train(params, X, Y, learning_rate=0.1, steps=2),
        [X, Y, params.W1, params.b1, params.W2, params.b2],
    )


@pytest.mark.parametrize(
    ("name", "call", "given"),
    list(_calls()),
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_no_function_changes_an_array_it_is_given(name, call, given):
    before = [array.copy() for array in given]
    result = call()
    for array, copy in zip(given, before, strict=True):
        np.testing.assert_array_equal(array, copy, err_msg=name)
    results = result if isinstance(result, tuple) else (result,)
    for out in results:  # nor hands one back, to be changed by the caller
        assert not any(out is array for array in given), name
