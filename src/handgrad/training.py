"""Gradient descent for a :class:`handgrad.network.Network`.

One step moves every parameter a little against its gradient:

    W^[l] <- W^[l] - learning_rate * dC/dW^[l]
    b^[l] <- b^[l] - learning_rate * dC/db^[l]

and training repeats forward pass, loss, backward pass and step, on the
whole batch at every step (full-batch gradient descent).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._validate import as_array, positive_finite, positive_int

if TYPE_CHECKING:  # pragma: no cover
    from handgrad.network import Gradients, Network

__all__ = ["step", "train"]

Array = NDArray[np.floating]


# --8<-- [start:step]
def step(net: Network, gradients: Gradients, learning_rate: float) -> None:
    """One step of gradient descent on ``net``, in place.

    ``gradients`` holds ``dC_dW`` and ``dC_db`` (from
    :meth:`Network.gradients`), each shaped like the parameter it belongs
    to; every parameter moves by ``-learning_rate`` times its gradient.
    """
    learning_rate = positive_finite(learning_rate, "learning_rate")
    dC_dW = _like(gradients[0], "dC_dW", net.W)
    dC_db = _like(gradients[1], "dC_db", net.b)
    for W, b, dW, db in zip(net.W, net.b, dC_dW, dC_db, strict=True):
        W -= learning_rate * dW
        b -= learning_rate * db


# --8<-- [end:step]


# --8<-- [start:train]
def train(
    net: Network, X: ArrayLike, Y: ArrayLike, *, learning_rate: float, steps: int
) -> NDArray[np.float64]:
    """Full-batch gradient descent on the mean squared error, in place.

    Each step runs the forward pass on all of ``X`` (m, n_0), measures the
    loss against ``Y`` (m, n_L), backpropagates and moves every parameter
    against its gradient. Returns the loss at each step, shape ``(steps,)``:
    ``history[k]`` is measured before the ``k``-th update, so ``history[0]``
    is the loss of the starting parameters.

    Raises ``FloatingPointError``, naming the step and the learning rate, if
    the loss stops being a finite number: gradient descent has diverged,
    and the learning rate is too large for this problem. ``net`` is then
    left with the parameters of the failing step.
    """
    X, Y = net.check_data(X, Y)
    learning_rate = positive_finite(learning_rate, "learning_rate")
    steps = positive_int(steps, "steps")
    cache = net.new_cache(len(X))
    history = np.empty(steps)
    # A diverging run overflows; it is caught below and named, not warned.
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps):
            A_L = net._forward(X, cache)
            E = np.subtract(A_L, Y, out=cache.dC_dA[-1])  # the error, A - Y
            history[k] = loss = float(np.vdot(E, E)) / E.size  # the mse
            if not math.isfinite(loss):
                raise FloatingPointError(_diverged(loss, k, learning_rate))
            E *= 2.0 / E.size  # now dC/dA^[L], the mse gradient
            net._backward(cache)  # from dC/dA^[L] in the cache to every gradient
            # theta holds every W and b, dC_dtheta every gradient, in the
            # same order: one subtraction moves them all.
            net.theta -= learning_rate * cache.dC_dtheta
    if not np.isfinite(net.theta).all():
        raise FloatingPointError(_diverged(math.nan, steps, learning_rate))
    return history


# --8<-- [end:train]


def _like(
    grads: Sequence[ArrayLike], name: str, params: Sequence[Array]
) -> list[Array]:
    """``grads`` checked: finite arrays in the shapes (and dtype) of ``params``."""
    arrays = [
        as_array(g, f"{name}[{i}]", dtype=params[0].dtype) for i, g in enumerate(grads)
    ]
    if [g.shape for g in arrays] != [p.shape for p in params]:
        raise ValueError(
            f"{name} must have the shapes of the parameters, "
            f"{[p.shape for p in params]}, got {[g.shape for g in arrays]}"
        )
    return arrays


def _diverged(loss: float, k: int, learning_rate: float) -> str:
    return (
        f"the loss became {loss} at step {k} with learning_rate={learning_rate}: "
        "gradient descent diverged; try a smaller learning_rate"
    )
