"""Activation functions, each beside its derivative.

A layer computes ``Z = A_prev @ W + b`` and then applies an activation
``f`` entry by entry: ``A = f(Z)``. Backpropagation needs the derivative
``f'`` at the same ``Z`` (`handgrad.network`), so every function here
sits beside its derivative, named ``<f>_prime`` and taken with respect to
its input ``z``.

Every function accepts a number or an array of any shape and works entry by
entry, returning a new array. A float32 array stays float32; anything else
becomes float64. Text, ``None``, NaN or infinity raise ``TypeError`` or
``ValueError``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._arrays import as_array
from handgrad._checks import checks

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "get_activation",
    "identity",
    "identity_prime",
    "relu",
    "relu_prime",
    "sigmoid",
    "sigmoid_prime",
    "tanh",
    "tanh_prime",
]

Array = NDArray[np.floating]


def entries(value: ArrayLike, name: str, checked: object = None) -> Array:
    """The rule for an activation's input: float32 stays float32, else float64."""
    dtype = np.float32 if getattr(value, "dtype", None) == np.float32 else np.float64
    return as_array(value, name, dtype=dtype)


@checks(z=entries)
# --8<-- [start:sigmoid]
def sigmoid(z: ArrayLike) -> Array:
    """The logistic sigmoid, ``1 / (1 + exp(-z))``, squashing any z into (0, 1).

    Computed without overflow: for z < 0 it uses the equal form
    ``exp(z) / (1 + exp(z))``, so ``sigmoid(-1000)`` is exactly 0 and
    ``sigmoid(1000)`` exactly 1, with no warning.
    """
    e = np.exp(-np.abs(z))  # in (0, 1]: it cannot overflow, whatever the sign of z
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


# --8<-- [end:sigmoid]


@checks(z=entries)
# --8<-- [start:sigmoid_prime]
def sigmoid_prime(z: ArrayLike) -> Array:
    """``sigma'(z) = sigma(z) (1 - sigma(z))``: at most 1/4, at z = 0."""
    s = sigmoid(z)
    return s * (1 - s)


# --8<-- [end:sigmoid_prime]


@checks(z=entries)
# --8<-- [start:relu]
def relu(z: ArrayLike) -> Array:
    """The rectified linear unit, ``max(z, 0)``."""
    return np.maximum(z, 0.0)


# --8<-- [end:relu]


@checks(z=entries)
# --8<-- [start:relu_prime]
def relu_prime(z: ArrayLike) -> Array:
    """1 where z > 0, else 0.

    ReLU has no derivative at the kink z = 0; like PyTorch, we take 0 there.
    """
    return (z > 0).astype(z.dtype)


# --8<-- [end:relu_prime]


@checks(z=entries)
# --8<-- [start:tanh]
def tanh(z: ArrayLike) -> Array:
    """The hyperbolic tangent, squashing any z into (-1, 1)."""
    return np.tanh(z)


# --8<-- [end:tanh]


@checks(z=entries)
# --8<-- [start:tanh_prime]
def tanh_prime(z: ArrayLike) -> Array:
    """``tanh'(z) = 1 - tanh(z)^2``: 1 at z = 0, falling to 0 either side."""
    return 1 - np.tanh(z) ** 2


# --8<-- [end:tanh_prime]


@checks(z=entries)
# --8<-- [start:identity]
def identity(z: ArrayLike) -> Array:
    """``z`` itself, as a new array: the output layer of a regression network."""
    return z.copy()


# --8<-- [end:identity]


@checks(z=entries)
# --8<-- [start:identity_prime]
def identity_prime(z: ArrayLike) -> Array:
    """1 everywhere."""
    return np.ones_like(z)


# --8<-- [end:identity_prime]


class Activation(NamedTuple):
    """An activation by name: call it for ``f(Z)``, and ``.prime(Z)`` for ``f'(Z)``.

    Both are the plain functions above, without the input checks: the
    network calls them on arrays it has checked already.
    """

    name: str
    f: Callable[[Array], Array]
    prime: Callable[[Array], Array]

    def __call__(self, Z: Array) -> Array:
        return self.f(Z)


def _registered(*pairs: tuple[Any, Any]) -> dict[str, Activation]:
    return {f.__name__: Activation(f.__name__, f.plain, df.plain) for f, df in pairs}


ACTIVATIONS: dict[str, Activation] = _registered(
    (sigmoid, sigmoid_prime), (relu, relu_prime), (tanh, tanh_prime),
    (identity, identity_prime),
)  # fmt: skip
"""The known activations by name: sigmoid, relu, tanh and identity."""


def get_activation(name: str, argname: str = "name") -> Activation:
    """The `Activation` called ``name``, one of `ACTIVATIONS`.

    Raises ``TypeError`` if ``name`` is not a string and ``ValueError``, listing
    the known names, if it is not one of them. The message calls the value
    ``argname``.
    """
    if not isinstance(name, str):
        raise TypeError(f"{argname} must be an activation name, got {name!r}")
    try:
        return ACTIVATIONS[name]
    except KeyError:
        known = ", ".join(repr(n) for n in ACTIVATIONS)
        raise ValueError(f"{argname} must be one of {known}, got {name!r}") from None
