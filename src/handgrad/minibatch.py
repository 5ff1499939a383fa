"""Stochastic gradient descent: train a classifier on minibatches, epoch by epoch.

The network's last layer has the identity activation, so its output
``Z^[L]`` (shape ``(m, K)``) holds one score per class; the cost is softmax
with cross-entropy (`handgrad.softmax`), whose gradient with respect
to those scores is ``(A - Y) / m``. Backpropagation
(`handgrad.network.backward`) carries it to every weight, as for any cost.

An *epoch* shuffles the ``m`` training samples (with a seeded generator, so
the order is the same on every run) and cuts them into minibatches of
``batch_size`` rows; each minibatch gives one gradient estimate and one
step of the optimiser (`handgrad.optim`). After every epoch the loop
records the loss and the accuracy on the whole training set and, if given,
on a validation set.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad import _network_checks as check
from handgrad._checks import checks
from handgrad._validate import DEFAULT_SEED, count, seed, show
from handgrad.fit import Fit, check_loss, check_step
from handgrad.metrics import accuracy
from handgrad.network import Network, backward, forward, network
from handgrad.optim import SGD, Adam, Momentum
from handgrad.softmax import check_labels_for, cross_entropy, cross_entropy_gradient
from handgrad.softmax import one_hot as _one_hot

__all__ = ["classifier_gradients", "minibatches", "train_classifier"]

Array = NDArray[np.float64]


def classifier(value: Any, name: str, checked: object = None) -> Network:
    """The rule for a classifier: a float64 Network whose last layer is identity."""
    net = network(value, name)
    if net.activations[-1].name != "identity" or net.dtype != np.float64:
        raise ValueError(
            f"{name} must be a float64 Network whose last activation is "
            f"'identity' (its output is the scores that softmax turns into "
            f"probabilities), got {net.activations[-1].name!r} and {net.dtype}"
        )
    return net


def _labels(value: Any, name: str, checked: dict[str, Any]) -> NDArray[np.intp]:
    return check_labels_for(checked["X"], value, name, checked["net"].sizes[-1])


def _validation(value: Any, name: str, checked: dict[str, Any]) -> Any:
    if value is None:
        return None
    try:
        X_val, y_val = value
    except (TypeError, ValueError):
        message = f"{name} must be a pair (X_val, y_val), got {show(value)}"
        raise TypeError(message) from None
    X_val = check.check_inputs(checked["net"], X_val, "X_val")
    return X_val, check_labels_for(X_val, y_val, "y_val", checked["net"].sizes[-1])


def _optimizer(value: Any, name: str, checked: object = None) -> Any:
    if not isinstance(value, SGD | Momentum | Adam):
        raise TypeError(f"{name} must be an SGD, Momentum or Adam, got {show(value)}")
    return value


def _patience(value: Any, name: str, checked: object = None) -> int | None:
    return None if value is None else count(value, name)


def _rng(value: Any, name: str, checked: object = None) -> np.random.Generator:
    if not isinstance(value, np.random.Generator):
        raise TypeError(f"{name} must be a numpy.random.Generator, got {show(value)}")
    return value


@checks(m=count, batch_size=count, rng=_rng)
# --8<-- [start:minibatches]
def minibatches(
    m: int, batch_size: int, rng: np.random.Generator
) -> list[NDArray[np.intp]]:
    """The row numbers 0 to ``m - 1``, shuffled, cut into runs of ``batch_size``.

    The last minibatch is smaller when ``batch_size`` does not divide ``m``.
    """
    order = rng.permutation(m)
    return [order[start : start + batch_size] for start in range(0, m, batch_size)]


# --8<-- [end:minibatches]


@checks(net=classifier, X=check.inputs_of("net"), Y=check.targets_of("net"))
# --8<-- [start:classifier_gradients]
def classifier_gradients(
    net: Network, X: ArrayLike, Y: ArrayLike
) -> tuple[list[Array], list[Array]]:
    """``(dC_dW, dC_db)`` of softmax with cross-entropy, for targets ``Y`` (m, K).

    The last layer is the identity, so its output ``A[-1]`` is its ``Z[-1]``,
    the scores, and ``dC/dA[-1] = dC/dZ[-1] = (softmax(Z[-1]) - Y) / m``.
    """
    Z, A = forward.plain(net, X)
    dC_dZ = cross_entropy_gradient.plain(Z[-1], Y)
    return backward.plain(net, Z, A, dC_dZ)


# --8<-- [end:classifier_gradients]


def _epoch(
    net: Network,
    X: Array,
    Y: Array,
    optimizer: SGD | Momentum | Adam,
    batch_size: int,
    rng: np.random.Generator,
) -> None:
    """One pass over the training set: a step for each minibatch, in place."""
    L = len(net.W)
    with np.errstate(over="ignore", invalid="ignore"):  # check_step says it
        # --8<-- [start:epoch]
        for batch in minibatches.plain(len(X), batch_size, rng):
            dC_dW, dC_db = classifier_gradients.plain(net, X[batch], Y[batch])
            check_step({"dC_dW": dC_dW, "dC_db": dC_db}, optimizer.learning_rate)
            theta = optimizer.step([*net.W, *net.b], [*dC_dW, *dC_db])
            net.W, net.b = theta[:L], theta[L:]
        # --8<-- [end:epoch]


def _measure(net: Network, X: Array, y: NDArray[np.intp]) -> tuple[float, float]:
    """The cross-entropy and the accuracy of ``net`` on ``(X, y)``."""
    _, A = forward.plain(net, X)
    scores = A[-1]
    Y = _one_hot.plain(y, net.sizes[-1])
    return cross_entropy.plain(scores, Y), accuracy.plain(y, scores.argmax(axis=1))


@checks(
    net=classifier,
    X=check.inputs_of("net"),
    y=_labels,
    optimizer=_optimizer,
    epochs=count,
    batch_size=count,
    validation=_validation,
    patience=_patience,
    seed=seed,
)
def train_classifier(
    net: Network,
    X: ArrayLike,
    y: ArrayLike,
    *,
    optimizer: SGD | Momentum | Adam,
    epochs: int,
    batch_size: int,
    validation: tuple[ArrayLike, ArrayLike] | None = None,
    patience: int | None = None,
    seed: int = DEFAULT_SEED,
) -> Fit[Network]:
    """Minibatch training of ``net`` on inputs ``X`` (m, n_0) and labels ``y`` (m,).

    Every epoch shuffles the rows with ``default_rng(seed)`` and takes one
    ``optimizer`` step per minibatch, in place. Returns a
    `Fit` whose ``loss`` is the cross-entropy on the
    whole training set after 0, 1, ... epochs, and whose ``history`` holds
    ``"accuracy"`` and, with ``validation=(X_val, y_val)``, ``"val_loss"``
    and ``"val_accuracy"``, as long as ``loss``.

    With ``patience``, training stops early once the validation loss has
    not improved on its best for ``patience`` epochs; ``converged`` then
    says True. Raises `DivergenceError` when the loss
    stops being finite or a step would take a parameter there.
    """
    rng = np.random.default_rng(seed)
    Y = _one_hot.plain(y, net.sizes[-1])
    history: dict[str, list[float]] = {"loss": [], "accuracy": []}
    if validation is not None:
        history |= {"val_loss": [], "val_accuracy": []}
    rate = optimizer.learning_rate
    stopped = False
    for epoch in range(epochs + 1):
        if epoch > 0:
            _epoch(net, X, Y, optimizer, batch_size, rng)
        with np.errstate(over="ignore", invalid="ignore"):  # check_loss says it
            loss, correct = _measure(net, X, y)
        check_loss(loss, epoch, history["loss"][0] if epoch else loss, rate)
        history["loss"].append(loss)
        history["accuracy"].append(correct)
        if validation is not None:
            val_loss, val_correct = _measure(net, *validation)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_correct)
            best = int(np.argmin(history["val_loss"]))
            if patience is not None and epoch - best >= patience:
                stopped = True
                break
    loss_by_epoch = history.pop("loss")
    return Fit(net, np.array(loss_by_epoch), converged=stopped, history=history)
