"""What a network's passes work in: its parameters laid flat, and the Cache.

All the weights and biases of a :class:`handgrad.network.Network` live in
one flat array ``theta``, layer after layer: the rows of ``W[i]``, then
``b[i]``. So each layer's part of ``theta`` is also the matrix
``[W; b]``, shape ``(n_in + 1, n_out)``: ``W`` with ``b`` as one more row.
``Wb[i]``, ``W[i]`` and ``b[i]`` are views of (windows onto) that part. The
gradients are laid out the same way in ``dC_dtheta``, so one subtraction,
``theta -= learning_rate * dC_dtheta``, is a whole step of gradient descent.

A :class:`Cache` holds every array that a forward and a backward pass fill
for a batch of ``m`` samples. Training makes one and refills it in place at
every step, instead of allocating new arrays: for a network this small,
NumPy's per-call overhead, not arithmetic, sets the speed.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from numpy.typing import DTypeLike, NDArray

if TYPE_CHECKING:  # pragma: no cover
    from handgrad.network import Network

__all__ = ["Cache", "Gradients", "n_parameters", "stacked", "unpack"]

Array = NDArray[np.floating]


class Gradients(NamedTuple):
    """The cost's gradient, one array per parameter.

    ``dC_dW[i]`` has the shape of ``W[i]`` and ``dC_db[i]`` that of ``b[i]``.
    """

    dC_dW: tuple[Array, ...]
    dC_db: tuple[Array, ...]


def stacked(theta: Array, sizes: Sequence[int]) -> tuple[Array, ...]:
    """Views of the flat ``theta`` as each layer's ``[W; b]``, ``(n_in + 1, n_out)``."""
    Wb, start = [], 0
    for n_in, n_out in pairwise(sizes):
        end = start + (n_in + 1) * n_out
        Wb.append(theta[start:end].reshape(n_in + 1, n_out))
        start = end
    return tuple(Wb)


def unpack(theta: Array, sizes: Sequence[int]) -> tuple[tuple[Array, ...], ...]:
    """Views of the flat ``theta`` as ``W[i]`` (n_in, n_out) and ``b[i]`` (n_out,).

    Layer by layer, the weights row after row, then the biases: the rows of
    each ``[W; b]`` of :func:`stacked`.
    """
    Wb = stacked(theta, sizes)
    return tuple(M[:-1] for M in Wb), tuple(M[-1] for M in Wb)


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
    ``dC_dtheta``, laid out like the network's ``theta``, as are the
    ``dC_dWb``). Made once per batch shape and overwritten by every pass;
    ``activations`` names each layer's activation.

    Three things serve speed. Each ``A[i]`` that a layer reads is the first
    ``n_i`` columns of ``A_ones[i]``, shape ``(m, n_i + 1)``, whose last
    column is ones: ``[A^[i], 1]``, which times ``[W; b]`` is
    ``A^[i] W + b``. An identity layer's ``Z[i]`` and ``A[i + 1]`` are one
    array, as are its ``dC_dZ[i]`` and ``dC_dA[i + 1]``, since ``f(Z) = Z``
    and ``f' = 1``. And the ``(m, n)`` arrays are column-major
    (``order="F"``), so that ``A[i]``, a block of columns of ``A_ones[i]``,
    is contiguous in memory like the others: NumPy's fast element-by-element
    loops need that. Samples are still rows; only the order of the numbers
    in memory changes.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        m: int,
        dtype: DTypeLike,
        activations: Sequence[str],
    ) -> None:
        self.sizes, self.m, self.dtype = list(sizes), m, np.dtype(dtype)
        self.activations = list(activations)

        def empty(n: int) -> Array:
            return np.empty((m, n), dtype, order="F")

        self.A_ones = [np.ones((m, n + 1), dtype, order="F") for n in sizes[:-1]]
        self.A: list[Array] = [M[:, :-1] for M in self.A_ones] + [empty(sizes[-1])]
        self.dC_dA = [empty(n) for n in sizes]
        self.Z: list[Array] = []
        self.dC_dZ: list[Array] = []
        for i, name in enumerate(self.activations):
            if name == "identity":
                self.Z.append(self.A[i + 1])
                self.dC_dZ.append(self.dC_dA[i + 1])
            else:
                self.Z.append(empty(sizes[i + 1]))
                self.dC_dZ.append(empty(sizes[i + 1]))
        self.dC_dtheta = np.empty(n_parameters(sizes), dtype)
        self.dC_dWb = stacked(self.dC_dtheta, sizes)
        self.dC_dW, self.dC_db = unpack(self.dC_dtheta, sizes)

    def check(self, net: Network, m: int) -> None:
        """Raise ``ValueError`` unless this cache is for ``net`` and ``m`` samples."""
        wanted = (net.sizes, [f.name for f in net.activations], net.dtype, m)
        if (self.sizes, self.activations, self.dtype, self.m) != wanted:
            raise ValueError(
                "cache must be for this network's sizes, activations and dtype "
                f"and for {m} samples, {wanted}, got one for {self.sizes}, "
                f"{self.activations}, {self.dtype}, {self.m}"
            )
