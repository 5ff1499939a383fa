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
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._validate import as_array, positive_finite, positive_int, same_length
from handgrad.activations import sigmoid, sigmoid_prime
from handgrad.losses import mse, mse_gradient

__all__ = [
    "EXAMPLE_X",
    "EXAMPLE_Y",
    "Cache",
    "Grads",
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

_SHAPES = {"W1": (2, 2), "b1": (2,), "W2": (2, 1), "b2": (1,)}


@dataclass
class Params:
    """The weights and biases, checked for shape and finiteness on creation."""

    W1: NDArray[np.float64]
    b1: NDArray[np.float64]
    W2: NDArray[np.float64]
    b2: NDArray[np.float64]

    def __post_init__(self) -> None:
        for name, shape in _SHAPES.items():
            array = as_array(getattr(self, name), name)
            if array.shape != shape:
                raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
            setattr(self, name, array)


@dataclass
class Cache:
    """What the forward pass computed, kept for the backward pass."""

    X: NDArray[np.float64]
    Z1: NDArray[np.float64]
    A1: NDArray[np.float64]
    Z2: NDArray[np.float64]
    A2: NDArray[np.float64]


@dataclass
class Grads:
    """The cost's gradient, one array per parameter, in that parameter's shape."""

    # The names of the maths, dC/dW1 and so on, though not snake_case.
    dC_dW1: NDArray[np.float64]
    dC_db1: NDArray[np.float64]
    dC_dW2: NDArray[np.float64]
    dC_db2: NDArray[np.float64]


def _inputs(X: ArrayLike) -> NDArray[np.float64]:
    X = as_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"X must have shape (m, 2), got {X.shape}")
    return X


def _targets(Y: ArrayLike, X: NDArray[np.float64]) -> NDArray[np.float64]:
    Y = as_array(Y, "Y", ndim=2)
    if Y.shape[1] != 1:
        raise ValueError(f"Y must have shape (m, 1), got {Y.shape}")
    same_length(X, "X", Y, "Y")
    return Y


# --8<-- [start:init]
def init_params(seed: int = 42) -> Params:
    """Standard normal weights and zero biases, drawn from ``default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    return Params(
        W1=rng.standard_normal((2, 2)),
        b1=np.zeros(2),
        W2=rng.standard_normal((2, 1)),
        b2=np.zeros(1),
    )


# --8<-- [end:init]


def forward(params: Params, X: ArrayLike) -> Cache:
    """The prediction ``A2`` for every row of ``X``, with every step kept."""
    X = _inputs(X)
    # --8<-- [start:forward]
    Z1 = X @ params.W1 + params.b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ params.W2 + params.b2
    A2 = sigmoid(Z2)
    # --8<-- [end:forward]
    return Cache(X=X, Z1=Z1, A1=A1, Z2=Z2, A2=A2)


def loss(params: Params, X: ArrayLike, Y: ArrayLike) -> float:
    """The cost ``C``: the mean squared error of the prediction on ``(X, Y)``."""
    cache = forward(params, X)
    return mse(cache.A2, _targets(Y, cache.X))


def backward(params: Params, cache: Cache, Y: ArrayLike) -> Grads:
    """The gradient of the cost, from the output back to the first layer.

    ``cache`` is what :func:`forward` returned for the inputs that ``Y``
    labels. Each line is one use of the chain rule.
    """
    X, Z1, A1, Z2, A2 = cache.X, cache.Z1, cache.A1, cache.Z2, cache.A2
    Y = _targets(Y, X)
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
    return Grads(dC_dW1=dC_dW1, dC_db1=dC_db1, dC_dW2=dC_dW2, dC_db2=dC_db2)


def update(params: Params, grads: Grads, learning_rate: float) -> Params:
    """One step of gradient descent: new parameters, every one moved at once.

    Each parameter steps against its own gradient, all computed from the
    *old* parameters; ``params`` itself is left unchanged.
    """
    learning_rate = positive_finite(learning_rate, "learning_rate")
    # --8<-- [start:update]
    W1 = params.W1 - learning_rate * grads.dC_dW1
    b1 = params.b1 - learning_rate * grads.dC_db1
    W2 = params.W2 - learning_rate * grads.dC_dW2
    b2 = params.b2 - learning_rate * grads.dC_db2
    # --8<-- [end:update]
    return Params(W1=W1, b1=b1, W2=W2, b2=b2)


# --8<-- [start:train]
def train(
    X: ArrayLike,
    Y: ArrayLike,
    *,
    learning_rate: float = 1.0,
    steps: int = 1000,
    seed: int = 42,
) -> tuple[Params, NDArray[np.float64]]:
    """Gradient descent from :func:`init_params`: forward, backward, update.

    Returns the final parameters and the cost at each step, shape
    ``(steps,)``: ``losses[k]`` is measured *before* the ``k``-th update, so
    ``losses[0]`` is the cost of the initial parameters.

    Raises ``FloatingPointError`` if a number overflows on the way, which
    would leave the loss infinite or NaN.
    """
    X = _inputs(X)
    Y = _targets(Y, X)
    learning_rate = positive_finite(learning_rate, "learning_rate")
    steps = positive_int(steps, "steps")
    params = init_params(seed)
    losses = np.empty(steps)
    step = 0
    try:
        with np.errstate(over="raise", invalid="raise"):
            for step in range(steps):
                cache = forward(params, X)
                losses[step] = mse(cache.A2, Y)
                grads = backward(params, cache, Y)
                params = update(params, grads, learning_rate)
    except FloatingPointError as error:
        raise FloatingPointError(
            f"training broke down at step {step} ({error}), so the loss would "
            "not be finite: scale X down or use a smaller learning_rate "
            f"than {learning_rate}"
        ) from None
    return params, losses


# --8<-- [end:train]
