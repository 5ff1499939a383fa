"""A fully connected network of any layer sizes: the forward and backward passes.

A network with layer sizes ``[n_0, n_1, ..., n_L]`` has ``L`` layers. Layer
``l`` takes the previous layer's activations ``A^[l-1]`` (``A^[0] = X``,
the inputs) and computes

    Z^[l] = A^[l-1] W^[l] + b^[l]        shape (m, n_l)
    A^[l] = f^[l](Z^[l])                 shape (m, n_l)

with weights ``W^[l]`` of shape ``(n_{l-1}, n_l)``, biases ``b^[l]`` of
shape ``(n_l,)`` (added to every row) and an activation ``f^[l]`` from
`handgrad.activations`. Samples are rows: ``X`` is ``(m, n_0)`` and the
output ``A^[L]`` is ``(m, n_L)``.

In the code, Python counts from 0: ``W[i]``, ``b[i]`` and ``Z[i]`` belong to
layer ``i + 1`` (``W[0]`` is ``W^[1]``), while ``A[i]`` is ``A^[i]``, with
``A[0] = X``.

`forward` and `backward` are the two equations and the four
formulas of backpropagation, as the page writes them. The cost is the mean
squared error (`handgrad.losses`). `Network.gradients` gives the
same numbers faster, through `handgrad.fast`; the tests check that the
two agree. Training is in `handgrad.training`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from handgrad import _network_checks as check
from handgrad._arrays import all_finite
from handgrad._checks import checks
from handgrad._validate import DEFAULT_SEED, seed, show
from handgrad.activations import Activation
from handgrad.fast import Workspace

__all__ = ["Network", "backward", "forward"]

Array = NDArray[np.floating]


class Network:
    """A fully connected network: weights ``W``, biases ``b``, activations.

    ``W[i]`` has the shape ``(n_in, n_out)`` of layer ``i + 1`` and ``b[i]``
    the shape ``(n_out,)``, all of one dtype, float64 (the default) or
    float32. Build one with `Network.init`, or from given arrays
    (copied) with ``Network(W, b, activations)``. ``net(X)`` is the output
    for the inputs ``X``.
    """

    def __init__(
        self,
        W: Sequence[ArrayLike],
        b: Sequence[ArrayLike],
        activations: Sequence[str],
        *,
        dtype: DTypeLike = np.float64,
    ) -> None:
        self.dtype = check.float_dtype(dtype)
        W = check.layer_arrays(W, "W", ndim=2, dtype=self.dtype)
        b = check.layer_arrays(b, "b", ndim=1, dtype=self.dtype, layers=len(W))
        self.sizes = [W[0].shape[0]] + [w.shape[1] for w in W]
        # The shape of every parameter, W[0], ..., b[0], ...: fixed from now on.
        self.shapes = [w.shape for w in W] + [v.shape for v in b]
        self.activations: list[Activation] = check.activations_for(activations, len(W))
        self.W, self.b = W, b
        check.check_parameters(self)
        self._workspaces: dict[int, Workspace] = {}

    @classmethod
    @checks(sizes=check.sizes, activations=check.names, seed=seed)
    # --8<-- [start:init]
    def init(
        cls,
        sizes: Sequence[int],
        activations: Sequence[str],
        *,
        seed: int = DEFAULT_SEED,
        dtype: DTypeLike = np.float64,
    ) -> Network:
        """A network with random weights drawn from ``default_rng(seed)``.

        ``sizes`` lists the width of every layer, inputs first: ``[1, 20, 1]``
        is one input, 20 hidden units and one output. ``activations`` names
        one activation per layer, ``len(sizes) - 1`` of them.

        Weights are normal with standard deviation ``sqrt(2 / n_in)`` for a
        ReLU layer (He initialisation) and ``sqrt(1 / n_in)`` otherwise
        (LeCun), so that the size of the activations neither grows nor
        shrinks from layer to layer. Biases start at zero. The numbers are
        drawn in float64 and then rounded to ``dtype``.
        """
        rng = np.random.default_rng(seed)
        W, b = [], []
        for (n_in, n_out), name in zip(pairwise(sizes), activations, strict=True):
            gain = 2.0 if name == "relu" else 1.0
            W.append(rng.standard_normal((n_in, n_out)) * math.sqrt(gain / n_in))
            b.append(np.zeros(n_out))
        return cls(W, b, activations, dtype=dtype)

    # --8<-- [end:init]

    @property
    def n_parameters(self) -> int:
        """How many weights and biases the network has."""
        return sum(w.size + v.size for w, v in zip(self.W, self.b, strict=True))

    def __call__(self, X: ArrayLike) -> Array:
        """The output ``A^[L]``, shape ``(m, n_L)``, for inputs ``X``, ``(m, n_0)``."""
        _, A = forward(self, X)
        return A[-1]

    def loss(self, X: ArrayLike, Y: ArrayLike) -> float:
        """The mean squared error of the network's output on ``(X, Y)``."""
        return self.loss_and_gradients(X, Y)[0]

    def gradients(self, X: ArrayLike, Y: ArrayLike) -> tuple[list[Array], list[Array]]:
        """``(dC_dW, dC_db)``: the gradient of the mean squared error on ``(X, Y)``.

        ``dC_dW[i]`` has the shape of ``W[i]`` and ``dC_db[i]`` that of
        ``b[i]``. The same numbers as `backward` after `forward`,
        computed by `handgrad.fast`.
        """
        return self.loss_and_gradients(X, Y)[1]

    def loss_and_gradients(
        self, X: ArrayLike, Y: ArrayLike
    ) -> tuple[float, tuple[list[Array], list[Array]]]:
        """The loss of `loss` and the gradients of `gradients`, at once."""
        # Shapes and types here, the numbers by their effect below: a NaN or
        # an inf in Y reaches the loss, one in X the first layer's dC/dW (even
        # behind a ReLU that zeroes it: inf * 0 is NaN), so these two checks
        # do what a scan of every entry of X and Y did at every step.
        X, Y = check.check_data(self, X, Y, finite=False)
        check.check_parameters(self, finite=False)
        workspace = self._workspaces.get(len(X))
        if workspace is None:
            names = [f.name for f in self.activations]
            workspace = Workspace(self.sizes, names, len(X), self.dtype)
            self._workspaces = {len(X): workspace}  # keep the latest batch size only
        try:
            with np.errstate(over="raise", invalid="raise"):
                loss, dC_dW, dC_db = workspace.loss_and_gradients(self.W, self.b, X, Y)
            if math.isfinite(loss) and all_finite(dC_dW[0]):
                return loss, (dC_dW, dC_db)
            problem = "the loss or a gradient is NaN or inf"
        except FloatingPointError as error:
            problem = str(error)
        check.check_data(self, X, Y)  # names X or Y if it holds a NaN or an inf
        check.check_parameters(self)  # or the parameter that does
        raise ValueError(
            f"the network's passes left the finite numbers ({problem}): "
            "the inputs or the parameters are too large"
        )


def network(value: Any, name: str, checked: object = None) -> Network:
    """The rule for a network argument: a `Network` with sound parameters."""
    if not isinstance(value, Network):
        raise TypeError(f"{name} must be a Network, got {show(value)}")
    check.check_parameters(value)
    return value


@checks(net=network, X=check.inputs_of("net"))
# --8<-- [start:forward]
def forward(net: Network, X: ArrayLike) -> tuple[list[Array], list[Array]]:
    """Every layer's ``Z`` and ``A``, for the inputs ``X``, shape ``(m, n_0)``.

    Layer by layer, ``Z = A_prev @ W + b`` and ``A = f(Z)``, starting from
    ``A[0] = X``. Returns the list ``Z`` (one array per layer) and the list
    ``A`` (``X``, then one array per layer): `backward` needs both.
    """
    Z, A = [], [X]
    for W, b, f in zip(net.W, net.b, net.activations, strict=True):
        A_prev = A[-1]
        Z.append(A_prev @ W + b)
        A.append(f(Z[-1]))
    return Z, A


# --8<-- [end:forward]


@checks(net=network, Z=check.passes, A=check.passes, dC_dA=check.output_gradient)
# --8<-- [start:backward]
def backward(
    net: Network, Z: list[Array], A: list[Array], dC_dA: ArrayLike
) -> tuple[list[Array], list[Array]]:
    """Backpropagation: the gradient of the cost for every ``W`` and ``b``.

    ``Z`` and ``A`` are what `forward` returned, and ``dC_dA`` is the
    gradient of the cost with respect to the output ``A[-1]`` (for the mean
    squared error, ``mse_gradient(A[-1], Y)``). From the last layer to the
    first, four formulas carry it back through each layer.
    """
    L = len(net.W)
    dC_dW, dC_db = [None] * L, [None] * L
    for i in reversed(range(L)):  # layer i + 1, from the last to the first
        W, f, A_prev = net.W[i], net.activations[i], A[i]
        dC_dZ = dC_dA * f.prime(Z[i])
        dC_dW[i] = A_prev.T @ dC_dZ
        dC_db[i] = dC_dZ.sum(axis=0)
        dC_dA = dC_dZ @ W.T  # dC/dA_prev: where the layer before starts
    return dC_dW, dC_db


# --8<-- [end:backward]
