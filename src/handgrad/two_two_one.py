"""The 2-2-1 sigmoid network, written out one step at a time.

Two inputs, a hidden layer of two sigmoid units, one sigmoid output, and the
mean squared error as the cost. Every line of the forward pass, the backward
pass and the update is one formula of the page, under the same name.

Samples are rows, as everywhere in the package. With ``m`` samples:

| array              | shape    | meaning                                            |
| ------------------ | -------- | -------------------------------------------------- |
| `X`                | `(m, 2)` | inputs, one sample per row                         |
| `Y`                | `(m, 1)` | targets                                            |
| `W1`, `dC_dW1`     | `(2, 2)` | hidden weights: `W1[i, j]` joins input i to unit j |
| `b1`, `dC_db1`     | `(2,)`   | hidden biases                                      |
| `Z1`, `A1`         | `(m, 2)` | hidden pre-activations and activations             |
| `dC_dZ1`, `dC_dA1` | `(m, 2)` | the cost's slopes at `Z1` and `A1`                 |
| `W2`, `dC_dW2`     | `(2, 1)` | output weights                                     |
| `b2`, `dC_db2`     | `(1,)`   | output bias                                        |
| `Z2`, `A2`         | `(m, 1)` | output pre-activation and the prediction           |
| `dC_dZ2`, `dC_dA2` | `(m, 1)` | the cost's slopes at `Z2` and `A2`                 |

The cost is ``C = mean((A2 - Y)**2)`` over the ``m`` samples, so its slope
at the prediction is ``dC_dA2 = 2 (A2 - Y) / m``, and the slopes of the
parameters add up the contributions of all the samples.

`handgrad.network.Network` with sizes ``(2, 2, 1)`` and two sigmoid
layers computes exactly these numbers, for any layer sizes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._arrays import as_array, columns, same_length, shaped_copies
from handgrad._checks import checks, no_overflow
from handgrad._validate import DEFAULT_SEED, count, instance_of, positive_number, seed
from handgrad.activations import sigmoid, sigmoid_prime
from handgrad.fit import Fit, check_loss, check_step
from handgrad.losses import mse, mse_gradient

__all__ = [
    "EXAMPLE_X",
    "EXAMPLE_Y",
    "Cache",
    "Gradients",
    "Params",
    "backward",
    "forward",
    "init_params",
    "loss",
    "train",
    "update",
]

# The worked example: one sample with inputs 0.5 and 0.1 and target 1. (The
# source wrote the input as a column of shape (2, 1); here it is a row.)
EXAMPLE_X = [[0.5, 0.1]]
EXAMPLE_Y = [[1.0]]


@dataclass(frozen=True)
class Params:
    """The weights and biases: finite float64 copies, checked for shape."""

    W1: NDArray[np.float64]
    b1: NDArray[np.float64]
    W2: NDArray[np.float64]
    b2: NDArray[np.float64]

    def __post_init__(self) -> None:
        shaped_copies(self, {"W1": (2, 2), "b1": (2,), "W2": (2, 1), "b2": (1,)})


@dataclass(frozen=True)
class Gradients:
    """The cost's gradient, one array per parameter, in that parameter's shape."""

    dC_dW1: NDArray[np.float64]
    dC_db1: NDArray[np.float64]
    dC_dW2: NDArray[np.float64]
    dC_db2: NDArray[np.float64]

    def __post_init__(self) -> None:
        shapes = {"dC_dW1": (2, 2), "dC_db1": (2,), "dC_dW2": (2, 1), "dC_db2": (1,)}
        shaped_copies(self, shapes)


@dataclass(frozen=True)
class Cache:
    """What the forward pass computed, kept for the backward pass."""

    X: NDArray[np.float64]
    Z1: NDArray[np.float64]
    A1: NDArray[np.float64]
    Z2: NDArray[np.float64]
    A2: NDArray[np.float64]


inputs = columns(2)  # the rule for X: (m, 2), one sample per row


def targets(value: ArrayLike, name: str, checked: dict[str, Any]) -> NDArray:
    """The rule for ``Y``: ``(m, 1)``, as many rows as ``X`` (or the cache's)."""
    Y = as_array(value, name, ndim=2)
    if Y.shape[1] != 1:
        raise ValueError(f"{name} must have shape (m, 1), got {Y.shape}")
    X = checked["X"] if "X" in checked else checked["cache"].X
    same_length(X, "X", Y, name)
    return Y


@checks(seed=seed)
# --8<-- [start:init]
def init_params(seed: int = DEFAULT_SEED) -> Params:
    """Standard normal weights and zero biases, drawn from ``default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    return Params(
        W1=rng.standard_normal((2, 2)),
        b1=np.zeros(2),
        W2=rng.standard_normal((2, 1)),
        b2=np.zeros(1),
    )


# --8<-- [end:init]


@checks(params=instance_of(Params), X=inputs)
def forward(params: Params, X: ArrayLike) -> Cache:
    """The prediction ``A2`` for every row of ``X``, with every step kept."""
    with no_overflow("the forward pass"):
        # --8<-- [start:forward]
        Z1 = X @ params.W1 + params.b1
        A1 = sigmoid(Z1)
        Z2 = A1 @ params.W2 + params.b2
        A2 = sigmoid(Z2)
        # --8<-- [end:forward]
    return Cache(X=X, Z1=Z1, A1=A1, Z2=Z2, A2=A2)


@checks(params=instance_of(Params), X=inputs, Y=targets)
def loss(params: Params, X: ArrayLike, Y: ArrayLike) -> float:
    """The cost ``C``: the mean squared error of the prediction on ``(X, Y)``."""
    return mse(forward(params, X).A2, Y)


@checks(params=instance_of(Params), cache=instance_of(Cache), Y=targets)
def backward(params: Params, cache: Cache, Y: ArrayLike) -> Gradients:
    """The gradient of the cost, from the output back to the first layer.

    ``cache`` is what `forward` returned for the inputs that ``Y``
    labels. Each line is one use of the chain rule.
    """
    X, Z1, A1, Z2, A2 = cache.X, cache.Z1, cache.A1, cache.Z2, cache.A2
    with no_overflow("the backward pass"):
        # --8<-- [start:backward]
        dC_dA2 = mse_gradient(A2, Y)
        dC_dZ2 = dC_dA2 * sigmoid_prime(Z2)
        dC_dW2 = A1.T @ dC_dZ2
        dC_db2 = dC_dZ2.sum(axis=0)
        dC_dA1 = dC_dZ2 @ params.W2.T
        dC_dZ1 = dC_dA1 * sigmoid_prime(Z1)
        dC_dW1 = X.T @ dC_dZ1
        dC_db1 = dC_dZ1.sum(axis=0)
        # --8<-- [end:backward]
    return Gradients(dC_dW1=dC_dW1, dC_db1=dC_db1, dC_dW2=dC_dW2, dC_db2=dC_db2)


@checks(
    params=instance_of(Params),
    grads=instance_of(Gradients),
    learning_rate=positive_number,
)
def update(params: Params, grads: Gradients, learning_rate: float) -> Params:
    """One step of gradient descent: new parameters, every one moved at once.

    Each parameter steps against its own gradient, all computed from the
    *old* parameters; ``params`` itself is left unchanged. Raises
    `DivergenceError` if a new parameter is not finite.
    """
    with np.errstate(over="ignore", invalid="ignore"):  # check_step reports it
        # --8<-- [start:update]
        W1 = params.W1 - learning_rate * grads.dC_dW1
        b1 = params.b1 - learning_rate * grads.dC_db1
        W2 = params.W2 - learning_rate * grads.dC_dW2
        b2 = params.b2 - learning_rate * grads.dC_db2
        # --8<-- [end:update]
    check_step({"W1": W1, "b1": b1, "W2": W2, "b2": b2}, learning_rate)
    return Params(W1=W1, b1=b1, W2=W2, b2=b2)


@checks(
    params=instance_of(Params),
    X=inputs,
    Y=targets,
    learning_rate=positive_number,
    steps=count,
)
# --8<-- [start:train]
def train(
    params: Params, X: ArrayLike, Y: ArrayLike, *, learning_rate: float, steps: int
) -> Fit[Params]:
    """Gradient descent from ``params``: forward, backward, update, ``steps`` times.

    Returns a `Fit`: the final parameters, and the cost
    after each update, ``loss[0]`` being the cost of ``params``. Raises
    `DivergenceError` if the cost stops being finite.
    """
    losses = np.empty(steps + 1)
    for step in range(steps):
        cache = forward(params, X)
        losses[step] = mse(cache.A2, Y)
        check_loss(losses[step], step, losses[0], learning_rate)
        grads = backward(params, cache, Y)
        params = update(params, grads, learning_rate)
    losses[steps] = loss(params, X, Y)
    return Fit(params, losses, converged=False)


# --8<-- [end:train]
