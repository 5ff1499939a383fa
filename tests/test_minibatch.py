"""Minibatch training of a classifier (page "Stochastic gradient descent and
momentum"): the batches, the gradients, the loop's records and its contract."""

import numpy as np
import pytest

from handgrad.fit import DivergenceError, Fit
from handgrad.gradcheck import numerical_gradient, relative_error
from handgrad.minibatch import classifier_gradients, minibatches, train_classifier
from handgrad.network import Network
from handgrad.optim import SGD, Adam, Momentum
from handgrad.softmax import cross_entropy, one_hot


def blobs(m=60, seed=0):
    """Three separable clouds in two dimensions: a small classification problem."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, m)
    centres = np.array([[2.0, 0.0], [-1.0, 1.7], [-1.0, -1.7]])
    return centres[y] + 0.5 * rng.standard_normal((m, 2)), y


def test_minibatches_visit_every_row_once_per_epoch():
    batches = minibatches(10, 4, np.random.default_rng(0))
    assert [len(b) for b in batches] == [4, 4, 2]
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(10))


def test_each_epoch_has_its_own_order():
    rng = np.random.default_rng(0)
    first, second = minibatches(20, 20, rng), minibatches(20, 20, rng)
    assert not np.array_equal(first[0], second[0])


@pytest.mark.parametrize(
    "names", [["relu", "identity"], ["tanh", "sigmoid", "identity"]]
)
def test_classifier_gradients_match_central_differences(names):
    X, y = blobs(8)
    sizes = [2, 4, 3] if len(names) == 2 else [2, 4, 3, 3]
    net = Network.init(sizes, names, seed=3)
    Y = one_hot(y, 3)
    dC_dW, dC_db = classifier_gradients(net, X, Y)

    def cost():
        return cross_entropy(net(X), Y)

    for analytic, param in zip(dC_dW + dC_db, net.W + net.b, strict=True):
        assert relative_error(analytic, numerical_gradient(cost, param)) < 1e-7


@pytest.mark.parametrize("optimizer", [SGD(0.5), Momentum(0.1), Adam(0.02)])
def test_training_learns_three_clouds(optimizer):
    X, y = blobs()
    net = Network.init([2, 8, 3], ["relu", "identity"])
    fit = train_classifier(
        net,
        X,
        y,
        optimizer=optimizer,
        epochs=15,
        batch_size=10,
        validation=blobs(30, 1),
    )
    assert isinstance(fit, Fit)
    assert fit.params is net
    assert fit.loss.shape == (16,)
    assert fit.steps == 15
    assert not fit.converged
    assert set(fit.history) == {"accuracy", "val_loss", "val_accuracy"}
    assert all(v.shape == (16,) for v in fit.history.values())
    assert fit.loss[-1] < 0.2 * fit.loss[0]
    assert fit.history["val_accuracy"][-1] == 1.0
    assert fit.loss[-1] == pytest.approx(
        cross_entropy(net(X), one_hot(y, 3)), rel=1e-12
    )


def test_the_same_seed_trains_the_same_network():
    X, y = blobs()
    fits = [
        train_classifier(
            Network.init([2, 4, 3], ["relu", "identity"]),
            X,
            y,
            optimizer=Momentum(0.1),
            epochs=3,
            batch_size=7,
            seed=5,
        )
        for _ in range(2)
    ]
    np.testing.assert_array_equal(fits[0].loss, fits[1].loss)
    assert fits[0].history == {"accuracy": fits[0].history["accuracy"]}


def test_early_stopping_stops_once_the_validation_loss_stops_falling():
    X, y = blobs(30)
    X_val, y_val = blobs(30, 1)
    y_val = (y_val + 1) % 3  # wrong labels: the validation loss rises at once
    fit = train_classifier(
        Network.init([2, 8, 3], ["relu", "identity"]),
        X,
        y,
        optimizer=SGD(0.5),
        epochs=50,
        batch_size=10,
        validation=(X_val, y_val),
        patience=3,
    )
    assert fit.converged
    best = int(np.argmin(fit.history["val_loss"]))
    assert fit.steps == best + 3 < 50


def test_a_learning_rate_too_large_is_a_divergence():
    X, y = blobs()
    with pytest.raises(DivergenceError, match="learning_rate"):
        train_classifier(
            Network.init([2, 8, 3], ["relu", "identity"]),
            X * 1e100,
            y,
            optimizer=SGD(1e200),
            epochs=3,
            batch_size=10,
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"net": Network.init([2, 3], ["sigmoid"])}, "last activation is 'identity'"),
        ({"y": [0, 1]}, "X and y must have the same number of samples"),
        ({"y": np.full(60, 3)}, "y must be class labels from 0 to 2, got 3"),
        ({"optimizer": "sgd"}, "optimizer must be an SGD, Momentum or Adam"),
        ({"validation": np.ones(3)}, "validation must be a pair"),
        ({"validation": (np.ones((2, 2)), [0, 5])}, "y_val must be class labels"),
        ({"validation": (np.ones((2, 3)), [0, 1])}, "X_val must have 2 column"),
        ({"patience": 0}, "patience must be at least 1"),
        ({"batch_size": 2.5}, "batch_size must be an integer"),
        ({"seed": -1}, "seed must be at least 0"),
    ],
)
def test_bad_input_is_named(change, message):
    X, y = blobs()
    args = {
        "net": Network.init([2, 3, 3], ["relu", "identity"]),
        "X": X,
        "y": y,
        "optimizer": SGD(0.1),
        "epochs": 1,
        "batch_size": 10,
    } | change
    with pytest.raises((TypeError, ValueError), match=message):
        train_classifier(**args)
