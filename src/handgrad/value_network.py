"""A network built from `Value`: every weight one number.

`ValueNetwork` holds the weights and biases of a
`Network` as values, and computes the same layers
one number at a time: unit ``k`` of a layer adds ``A_prev[j] * W[j][k]``
over its inputs ``j`` to its bias ``b[k]`` and applies the activation. The
mean squared error of its output is one value, and one ``backward()`` on it
gives the gradient of every weight: the numbers that the matrix code
(`Network.gradients`) computes.
It is slow, one Python object per number, and is there to show that nothing
but the chain rule is needed.

Samples are rows, as everywhere in the package: ``X`` is ``(m, n_0)``,
``Y`` is ``(m, n_L)``; ``W[i][j][k]`` joins input ``j`` to unit ``k`` of
layer ``i + 1``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad import _network_checks as check
from handgrad._arrays import as_array
from handgrad._checks import checks
from handgrad._validate import count, positive_number, show
from handgrad.autodiff import Value
from handgrad.fit import Fit, check_loss, check_step
from handgrad.network import Network, network

__all__ = ["ValueNetwork", "train"]

ACTIVATE = {
    "identity": lambda z: z,
    "relu": Value.relu,
    "sigmoid": Value.sigmoid,
    "tanh": Value.tanh,
}


def sample(value: ArrayLike, name: str, checked: dict[str, Any]) -> list[float]:
    """The rule for one sample ``x``: a row of ``n_0`` finite numbers, as floats."""
    x = as_array(value, name, ndim=1)
    n = checked["self"].sizes[0]
    if x.shape != (n,):
        raise ValueError(
            f"{name} must hold {n} number(s), one per input, got shape {x.shape}"
        )
    return x.tolist()


class ValueNetwork:
    """The weights and biases of ``net`` as values, and its layers on values."""

    dtype = np.float64  # for the checks of X and Y, shared with Network

    @checks(net=network)
    def __init__(self, net: Network) -> None:
        if net.dtype != np.float64:
            raise TypeError(f"net must hold float64 numbers, got {net.dtype}")
        self.sizes = list(net.sizes)
        self.activations = [f.name for f in net.activations]
        self.W = [[[Value(w) for w in row] for row in W_l.tolist()] for W_l in net.W]
        self.b = [[Value(v) for v in b_l.tolist()] for b_l in net.b]

    def parameters(self) -> list[Value]:
        """Every weight and bias, layer by layer: ``W[0]``, ``b[0]``, ``W[1]``, ..."""
        return [
            value
            for W_l, b_l in zip(self.W, self.b, strict=True)
            for value in [*(w for row in W_l for w in row), *b_l]
        ]

    @checks(x=sample)
    # --8<-- [start:output]
    def output(self, x: list[float]) -> list[Value]:
        """The network's output for one sample ``x``, a row of ``n_0`` numbers."""
        A = list(x)
        for W, b, name in zip(self.W, self.b, self.activations, strict=True):
            Z = []
            for k in range(len(b)):  # unit k: b[k] + sum over j of A[j] W[j][k]
                z = b[k]
                for j in range(len(A)):
                    z = z + A[j] * W[j][k]
                Z.append(z)
            A = [ACTIVATE[name](z) for z in Z]
        return A

    # --8<-- [end:output]

    @checks(X=check.inputs_of("self"), Y=check.targets_of("self"))
    # --8<-- [start:loss]
    def loss(self, X: ArrayLike, Y: ArrayLike) -> Value:
        """The mean squared error over every sample and output: one value."""
        errors = []
        for x, y in zip(X.tolist(), Y.tolist(), strict=True):
            for a, target in zip(self.output(x), y, strict=True):
                errors.append((a - target) ** 2)
        return sum(errors[1:], errors[0]) / len(errors)

    # --8<-- [end:loss]

    def gradients(
        self, X: ArrayLike, Y: ArrayLike
    ) -> tuple[list[NDArray[np.float64]], list[NDArray[np.float64]]]:
        """``(dC_dW, dC_db)`` as arrays, as `Network.gradients` gives them."""
        self.loss(X, Y).backward()
        dC_dW = [np.array([[w.grad for w in row] for row in W_l]) for W_l in self.W]
        dC_db = [np.array([v.grad for v in b_l]) for b_l in self.b]
        return dC_dW, dC_db

    def network(self) -> Network:
        """The current weights and biases as a `Network` of arrays."""
        W = [np.array([[w.data for w in row] for row in W_l]) for W_l in self.W]
        b = [np.array([v.data for v in b_l]) for b_l in self.b]
        return Network(W, b, self.activations)


def value_network(value: Any, name: str, checked: object = None) -> ValueNetwork:
    """The rule for a `ValueNetwork` argument."""
    if not isinstance(value, ValueNetwork):
        raise TypeError(f"{name} must be a ValueNetwork, got {show(value)}")
    return value


@checks(
    net=value_network,
    X=check.inputs_of("net"),
    Y=check.targets_of("net"),
    learning_rate=positive_number,
    steps=count,
)
# --8<-- [start:train]
def train(
    net: ValueNetwork, X: ArrayLike, Y: ArrayLike, *, learning_rate: float, steps: int
) -> Fit[ValueNetwork]:
    """Full-batch gradient descent on the values of ``net``, in place.

    Each step builds the loss, calls ``backward()`` and moves every
    parameter against its ``grad``. Returns a `Fit`
    like `handgrad.training.train`; raises
    `DivergenceError` if the loss or a parameter stops
    being finite.
    """
    parameters = net.parameters()
    loss = np.empty(steps + 1)
    for k in range(steps):
        C = net.loss(X, Y)
        loss[k] = C.data
        check_loss(loss[k], k, loss[0], learning_rate)
        C.backward()
        new = np.array([p.data - learning_rate * p.grad for p in parameters])
        check_step({"parameters": new}, learning_rate)
        for p, data in zip(parameters, new, strict=True):
            p.data = float(data)
    loss[steps] = net.loss(X, Y).data
    return Fit(net, loss, converged=False)


# --8<-- [end:train]
