"""Gradient descent for a :class:`handgrad.network.Network`.

One step moves every parameter a little against its gradient:

    W^[l] <- W^[l] - learning_rate * dC/dW^[l]
    b^[l] <- b^[l] - learning_rate * dC/db^[l]

and training repeats it, with the gradient of the whole batch every time
(full-batch gradient descent). Both follow the package's one contract
(:mod:`handgrad.fit`): :func:`train` returns a :class:`~handgrad.fit.Fit`,
and both raise :class:`~handgrad.fit.DivergenceError` when the learning rate
is too large.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad import _network_checks as check
from handgrad._validate import checks, count, positive_number
from handgrad.fit import Fit, check_loss
from handgrad.network import Network, network

__all__ = ["step", "train"]

Array = NDArray[np.floating]


@checks(
    net=check.network_shapes,  # finite_step checks the numbers
    gradients=check.gradients_for("net"),
    learning_rate=positive_number,
)
def step(
    net: Network, gradients: tuple[list[Array], list[Array]], learning_rate: float
) -> None:
    """One step of gradient descent on ``net``, in place.

    ``gradients`` is ``(dC_dW, dC_db)``, as :meth:`Network.gradients` returns
    it; every parameter moves by ``-learning_rate`` times its gradient.
    Raises :class:`~handgrad.fit.DivergenceError`, and leaves ``net`` as it
    was, if a parameter would leave the finite numbers.
    """
    dC_dW, dC_db = gradients
    with np.errstate(over="ignore", invalid="ignore"):  # finite_step reports it
        # --8<-- [start:step]
        W = [W_l - learning_rate * dW for W_l, dW in zip(net.W, dC_dW, strict=True)]
        b = [b_l - learning_rate * db for b_l, db in zip(net.b, dC_db, strict=True)]
        # --8<-- [end:step]
    check.finite_step(net, gradients, W, b, learning_rate)
    net.W, net.b = W, b


@checks(
    net=network,
    X=check.inputs_of("net"),
    Y=check.targets_of("net"),
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
    :class:`~handgrad.fit.Fit` whose ``params`` is ``net`` and whose ``loss``
    holds the loss after 0, 1, ..., ``steps`` updates. Raises
    :class:`~handgrad.fit.DivergenceError` if the loss stops being finite.
    """
    loss = np.empty(steps + 1)
    for k in range(steps):
        loss[k], gradients = net.loss_and_gradients(X, Y)
        check_loss(loss[k], k, loss[0], learning_rate)
        step(net, gradients, learning_rate)
    loss[steps] = net.loss(X, Y)
    return Fit(net, loss, converged=False)


# --8<-- [end:train]
