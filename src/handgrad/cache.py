"""What a network's passes work in: its parameters laid flat, and the Cache.

All the weights and biases of a :class:`handgrad.network.Network` live in
one flat array ``theta``; each ``W[i]`` and ``b[i]`` is a view of (a window
onto) its part of it, in the shape of the parameter. The gradients are laid
out the same way in ``dC_dtheta``, so one subtraction,
``theta -= learning_rate * dC_dtheta``, is a whole step of gradient descent.

A :class:`Cache` holds every array that a forward and a backward pass fill
for a batch of ``m`` samples. Training makes one and refills it in place at
every step, instead of allocating new arrays: for a network this small,
NumPy's per-call overhead, not arithmetic, sets the speed.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

import numpy as np
from numpy.typing import DTypeLike, NDArray

__all__ = ["Cache", "Gradients", "n_parameters", "unpack"]

Array = NDArray[np.floating]


class Gradients(NamedTuple):
    """The cost's gradient, one array per parameter.

    ``dC_dW[i]`` has the shape of ``W[i]`` and ``dC_db[i]`` that of ``b[i]``.
    """

    # The names of the maths, dC/dW and dC/db, though not snake_case.
    dC_dW: tuple[Array, ...]  # noqa: N815
    dC_db: tuple[Array, ...]  # noqa: N815


def unpack(theta: Array, sizes: Sequence[int]) -> tuple[tuple[Array, ...], ...]:
    """Views of the flat ``theta`` as ``W[i]`` (n_in, n_out) and ``b[i]`` (n_out,).

    Layer by layer, the weights row after row, then the biases.
    """
    W, b, start = [], [], 0
    for n_in, n_out in pairwise(sizes):
        W.append(theta[start : start + n_in * n_out].reshape(n_in, n_out))
        b.append(theta[start + n_in * n_out : start + (n_in + 1) * n_out])
        start += (n_in + 1) * n_out
    return tuple(W), tuple(b)


def n_parameters(sizes: Sequence[int]) -> int:
    """How many numbers ``theta`` holds: ``(n_in + 1) * n_out`` per layer."""
    return sum((n_in + 1) * n_out for n_in, n_out in pairwise(sizes))


class Cache:
    """What a forward pass keeps for the backward pass, and what that fills.

    For a batch of ``m`` samples: ``A[i]`` of shape ``(m, n_i)`` for
    ``i = 0, ..., L`` (``A[0]`` is ``X``) and ``Z[i]`` of each layer; and
    the arrays that backpropagation fills: ``dC_dZ`` (like ``Z``), ``dC_dA``
    (like ``A``; ``dC_dA[0]``, the slope with respect to ``X``, is not
    computed) and the gradients ``dC_dW``, ``dC_db`` (views of one flat
    ``dC_dtheta``, laid out like the network's ``theta``). Made once per
    batch shape and overwritten by every pass.
    """

    def __init__(self, sizes: Sequence[int], m: int, dtype: DTypeLike) -> None:
        self.sizes, self.m, self.dtype = list(sizes), m, np.dtype(dtype)
        self.A: list[Array] = [np.empty((m, n), dtype) for n in sizes]
        self.Z = [np.empty((m, n), dtype) for n in sizes[1:]]
        self.dC_dZ = [np.empty((m, n), dtype) for n in sizes[1:]]
        self.dC_dA = [np.empty((m, n), dtype) for n in sizes]
        self.dC_dtheta = np.empty(n_parameters(sizes), dtype)
        self.dC_dW, self.dC_db = unpack(self.dC_dtheta, sizes)
        self.ones = np.ones(m, dtype)
