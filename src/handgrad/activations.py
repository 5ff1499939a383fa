"""Activation functions, each beside its derivative.

A layer computes ``Z = A_prev @ W + b`` and then applies an activation
``f`` entry by entry: ``A = f(Z)``. Backpropagation needs the derivative
``f'`` at the same ``Z`` (:mod:`handgrad.network`), so every function here
sits beside its derivative, named ``<f>_prime`` and taken with respect to
the pre-activation ``z``.

Every public function accepts a number or an array of any shape and works
entry by entry. A float32 array stays float32; anything else becomes
float64. Text, ``None`` or NaN raise ``TypeError`` or ``ValueError``.

The network's training loop calls activations thousands of times on arrays
it has already checked, so the registry (:data:`ACTIVATIONS`) also holds
unchecked forms that write into a given ``out`` array.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._validate import as_array

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


def _checked(z: ArrayLike) -> Array:
    """``z`` as a checked float array: float32 stays float32, else float64."""
    dtype = np.float32 if getattr(z, "dtype", None) == np.float32 else np.float64
    return as_array(z, "z", dtype=dtype)


def _out(like: Array, out: Array | None) -> Array:
    return np.empty_like(like) if out is None else out


# The unchecked forms: ``Z`` and ``A`` are float arrays already checked.
# --8<-- [start:fast]
def _sigmoid(Z: Array, out: Array | None = None) -> Array:
    # exp(-|z|) lies in (0, 1], so it cannot overflow, whatever the sign of z.
    e = np.exp(-np.abs(Z))
    return np.divide(np.where(Z >= 0, 1.0, e), 1.0 + e, out=out)


def _sigmoid_prime_from_output(A: Array, out: Array | None = None) -> Array:
    out = np.subtract(1.0, A, out=out)  # sigma' = sigma (1 - sigma) = A (1 - A)
    out *= A
    return out


def _relu(Z: Array, out: Array | None = None) -> Array:
    # max(Z, 0) against an array of zeros laid out like Z, not the number 0:
    # NumPy's fast loop wants two arrays alike, and is 3 times as quick.
    order = "F" if Z.flags.f_contiguous else "C"
    return np.maximum(Z, _zeros(Z.shape, Z.dtype, order), out=_out(Z, out))


@functools.lru_cache(maxsize=8)
def _zeros(shape: tuple[int, ...], dtype: np.dtype, order: str) -> Array:
    zeros = np.zeros(shape, dtype, order=order)  # made once per shape, kept
    zeros.flags.writeable = False
    return zeros


def _relu_prime_from_output(A: Array, out: Array | None = None) -> Array:
    return np.greater(A, 0.0, out=_out(A, out))  # A > 0 exactly where Z > 0


def _tanh(Z: Array, out: Array | None = None) -> Array:
    return np.tanh(Z, out=out)


def _tanh_prime_from_output(A: Array, out: Array | None = None) -> Array:
    out = np.multiply(A, A, out=out)  # tanh' = 1 - tanh^2 = 1 - A^2
    return np.subtract(1.0, out, out=out)


def _identity(Z: Array, out: Array | None = None) -> Array:
    return np.positive(Z, out=out)  # a copy of Z


def _identity_prime_from_output(A: Array, out: Array | None = None) -> Array:
    out = _out(A, out)
    out.fill(1.0)
    return out


# --8<-- [end:fast]


# --8<-- [start:sigmoid]
def sigmoid(z: ArrayLike) -> Array:
    """The logistic sigmoid, ``1 / (1 + exp(-z))``, squashing any z into (0, 1).

    Computed without overflow: for z < 0 it uses the equal form
    ``exp(z) / (1 + exp(z))``, so ``sigmoid(-1000)`` is exactly 0 and
    ``sigmoid(1000)`` exactly 1, with no warning.
    """
    return _sigmoid(_checked(z))


def sigmoid_prime(z: ArrayLike) -> Array:
    """``sigma'(z) = sigma(z) (1 - sigma(z))``: at most 1/4, at z = 0."""
    s = _sigmoid(_checked(z))
    return s * (1 - s)


# --8<-- [end:sigmoid]


# --8<-- [start:relu]
def relu(z: ArrayLike) -> Array:
    """The rectified linear unit, ``max(z, 0)``."""
    return _relu(_checked(z))


def relu_prime(z: ArrayLike) -> Array:
    """1 where z > 0, else 0.

    ReLU has no derivative at the kink z = 0; like PyTorch, we take 0 there.
    """
    z = _checked(z)
    return (z > 0).astype(z.dtype)


# --8<-- [end:relu]


# --8<-- [start:tanh]
def tanh(z: ArrayLike) -> Array:
    """The hyperbolic tangent, squashing any z into (-1, 1)."""
    return _tanh(_checked(z))


def tanh_prime(z: ArrayLike) -> Array:
    """``tanh'(z) = 1 - tanh(z)^2``: 1 at z = 0, falling to 0 either side."""
    t = _tanh(_checked(z))
    return 1 - t * t


# --8<-- [end:tanh]


# --8<-- [start:identity]
def identity(z: ArrayLike) -> Array:
    """``z`` itself (as a new array): the output layer of a regression network."""
    return _identity(_checked(z))


def identity_prime(z: ArrayLike) -> Array:
    """1 everywhere."""
    return np.ones_like(_checked(z))


# --8<-- [end:identity]


class Activation(NamedTuple):
    """An activation, its derivative, and the unchecked forms a network uses.

    ``f`` and ``f_prime`` are the checked public functions of ``z``.
    ``apply(Z, out)`` computes ``f(Z)`` into ``out``, and
    ``prime_from_output(A, out)`` computes ``f'(Z)`` from ``A = f(Z)`` alone
    (``A (1 - A)`` for the sigmoid, ``1 - A**2`` for tanh, ``A > 0`` for
    ReLU, 1 for the identity), so that backpropagation needs to keep only
    ``A``. Neither checks its input; ``out`` may be ``None`` for a new array,
    and must not be the input array itself.
    """

    name: str
    f: Callable[[ArrayLike], Array]
    f_prime: Callable[[ArrayLike], Array]
    apply: Callable[..., Array]
    prime_from_output: Callable[..., Array]


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation(
            "sigmoid", sigmoid, sigmoid_prime, _sigmoid, _sigmoid_prime_from_output
        ),
        Activation("relu", relu, relu_prime, _relu, _relu_prime_from_output),
        Activation("tanh", tanh, tanh_prime, _tanh, _tanh_prime_from_output),
        Activation(
            "identity", identity, identity_prime, _identity, _identity_prime_from_output
        ),
    )
}
"""The known activations by name: sigmoid, relu, tanh and identity."""


def get_activation(name: str, argname: str = "name") -> Activation:
    """The :class:`Activation` called ``name``, one of :data:`ACTIVATIONS`.

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
