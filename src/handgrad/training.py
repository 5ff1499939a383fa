"""Gradient descent for a `handgrad.network.Network`.

One step moves every parameter a little against its gradient:

    W^[l] <- W^[l] - learning_rate * dC/dW^[l]
    b^[l] <- b^[l] - learning_rate * dC/db^[l]

and training repeats it, with the gradient of the whole batch every time
(full-batch gradient descent). Both follow the package's one contract
(`handgrad.fit`): `train` returns a `Fit`,
and both raise `DivergenceError` when the learning rate
is too large.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad import _network_checks as check
from handgrad._arrays import all_finite, as_array
from handgrad._checks import checks
from handgrad._validate import count, positive_number, show
from handgrad.fit import Fit, check_loss, check_step
from handgrad.network import Network, network

__all__ = ["step", "train"]

Array = NDArray[np.floating]


def gradients_for(net: str) -> Any:
    """A rule: ``(dC_dW, dC_db)``, lists of arrays shaped like the network's."""

    def rule(value: Any, name: str, checked: dict[str, Any]) -> tuple[list, list]:
        params = checked[net]
        try:
            dC_dW, dC_db = value
        except (TypeError, ValueError):
            raise TypeError(
                f"{name} must be a pair (dC_dW, dC_db), as Network.gradients "
                f"returns it, got {show(value)}"
            ) from None
        try:  # the usual case, what gradients() gave, in three comparisons
            arrays = dC_dW + dC_db
            if (
                [g.shape for g in arrays] == params.shapes
                and {type(g) for g in arrays} == {np.ndarray}
                and {g.dtype for g in arrays} == {params.dtype}
            ):
                return dC_dW, dC_db
        except (AttributeError, TypeError):
            pass  # said below, list by list
        pairs = (("dC_dW", dC_dW, params.W), ("dC_db", dC_db, params.b))
        return tuple(_like(arrays, label, like) for label, arrays, like in pairs)

    return rule


def _like(arrays: Any, name: str, like: list[Array]) -> list[Array]:
    """``arrays`` as a list of arrays of the shapes and dtype of ``like``."""
    if isinstance(arrays, str | bytes) or not isinstance(arrays, Sequence):
        raise TypeError(f"{name} must be a list of arrays, got {show(arrays)}")
    if len(arrays) != len(like):
        raise ValueError(f"{name} must hold {len(like)} arrays, got {len(arrays)}")
    checked = []
    for i, (array, param) in enumerate(zip(arrays, like, strict=True)):
        # NaN and inf are caught after the step: see finite_step.
        array = as_array(array, f"{name}[{i}]", dtype=param.dtype, finite=False)
        if array.shape != param.shape:
            raise ValueError(
                f"{name}[{i}] must have the shape of its parameter, {param.shape}, "
                f"got {array.shape}"
            )
        checked.append(array)
    return checked


def finite_step(
    net: Any, gradients: tuple[list, list], W: list[Array], b: list[Array], rate: float
) -> None:
    """Raise unless every parameter after a step is finite, saying why not."""
    if all_finite(*W, *b):
        return
    check.check_parameters(net)  # a parameter that was not finite before the step
    for label, arrays in zip(("dC_dW", "dC_db"), gradients, strict=True):
        for i, array in enumerate(arrays):
            if not np.isfinite(array).all():
                raise ValueError(f"{label}[{i}] must be finite, got NaN or inf")
    check_step({"W": W, "b": b}, rate)  # the learning rate is too large


@checks(
    net=check.network_shapes,  # finite_step checks the numbers
    gradients=gradients_for("net"),
    learning_rate=positive_number,
)
def step(
    net: Network, gradients: tuple[list[Array], list[Array]], learning_rate: float
) -> None:
    """One step of gradient descent on ``net``, in place.

    ``gradients`` is ``(dC_dW, dC_db)``, as `Network.gradients` returns
    it; every parameter moves by ``-learning_rate`` times its gradient.
    Raises `DivergenceError`, and leaves ``net`` as it
    was, if a parameter would leave the finite numbers.
    """
    dC_dW, dC_db = gradients
    with np.errstate(over="ignore", invalid="ignore"):  # finite_step reports it
        # --8<-- [start:step]
        W = [W_l - learning_rate * dW for W_l, dW in zip(net.W, dC_dW, strict=True)]
        b = [b_l - learning_rate * db for b_l, db in zip(net.b, dC_db, strict=True)]
        # --8<-- [end:step]
    finite_step(net, gradients, W, b, learning_rate)
    net.W, net.b = W, b


@checks(
    net=network,
    X=check.inputs_of("net", column_major=True),  # as the engine reads them
    Y=check.targets_of("net", column_major=True),
    learning_rate=positive_number,
    steps=count,
)
# --8<-- [start:train]
def train(
    net: Network, X: ArrayLike, Y: ArrayLike, *, learning_rate: float, steps: int
) -> Fit[Network]:
    """Full-batch gradient descent on the mean squared error, in place.

    Each step computes the loss and the gradient on all of ``X`` (m, n_0) and
    ``Y`` (m, n_L) and moves every parameter against its gradient. Returns a
    `Fit` whose ``params`` is ``net`` and whose ``loss``
    holds the loss after 0, 1, ..., ``steps`` updates. Raises
    `DivergenceError` if the loss stops being finite.
    """
    loss = np.empty(steps + 1)
    for k in range(steps):
        loss[k], gradients = net.loss_and_gradients(X, Y)
        check_loss(loss[k], k, loss[0], learning_rate)
        step(net, gradients, learning_rate)
    loss[steps] = net.loss(X, Y)
    return Fit(net, loss, converged=False)


# --8<-- [end:train]
