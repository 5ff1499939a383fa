"""The network's gradient, arranged for speed: the engine behind ``Network.gradients``.

This module computes exactly what :func:`handgrad.network.forward` and
:func:`handgrad.network.backward` compute, the two equations and the four
formulas, for the mean squared error, but arranged so that NumPy does as
little as possible. No page shows it and you never need to read it: the
tests (``tests/test_fast.py``) check that it gives the numbers of the
readable code, to 1e-12, on random networks of every kind.

Why it exists, measured by ``make bench``: on the 1-20-1 network of the
pages, with 256 samples, the arrays are so small that NumPy's fixed cost per
call, not arithmetic, sets the speed. The readable passes take about four
times as long as this engine, which keeps training at least three times as
fast as PyTorch's (``benchmarks/bench_train.py``). Three arrangements buy
most of it:

- A :class:`Workspace` holds every array a pass needs for a batch of ``m``
  samples, made once and refilled with ``out=`` (no allocation per step).
- Each layer's bias is folded into its weights: the workspace keeps the
  layer's input as ``[A, 1]`` (a last column of ones) and the parameters as
  ``[W; b]`` (``b`` as one more row), so ``Z = [A, 1] [W; b]`` is one BLAS
  call, and ``[A, 1]^T dC/dZ`` gives ``dC/dW`` and ``dC/db`` at once.
  NumPy's ``@`` computes an outer product such as ``(256, 1) @ (1, 20)``
  without BLAS, about five times slower than ``np.dot``, which is used here.
- The ``(m, n)`` arrays are column-major (``order="F"``), so that ``A``,
  the first columns of ``[A, 1]``, is contiguous, which NumPy's fast
  element-by-element loops need. Samples are still rows.

Nothing here checks its input: ``Network`` does, at its door.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
from numpy.typing import DTypeLike, NDArray

__all__ = ["Workspace"]

Array = NDArray[np.floating]


def _apply(name: str, Z: Array, out: Array, zeros: Array) -> None:
    """``out = f(Z)`` for the activation ``name``."""
    if name == "relu":  # against an array of zeros laid out like Z: 3x quicker
        np.maximum(Z, zeros, out=out)
    elif name == "sigmoid":
        e = np.exp(-np.abs(Z))  # in (0, 1]: no overflow, whatever the sign of Z
        np.divide(np.where(Z >= 0, 1.0, e), 1.0 + e, out=out)
    elif name == "tanh":
        np.tanh(Z, out=out)


def _prime_from_output(name: str, A: Array, out: Array) -> None:
    """``out = f'(Z)``, computed from ``A = f(Z)`` alone."""
    if name == "relu":
        np.greater(A, 0.0, out=out)  # A > 0 exactly where Z > 0
    elif name == "sigmoid":
        np.subtract(1.0, A, out=out)  # sigma' = A (1 - A)
        out *= A
    elif name == "tanh":
        np.multiply(A, A, out=out)  # tanh' = 1 - A^2
        np.subtract(1.0, out, out=out)


class Workspace:
    """Every array that a forward and a backward pass fill, for ``m`` samples.

    ``sizes`` and ``activations`` (names) describe the network. An identity
    layer's ``Z`` and ``A`` are one array, as are its ``dC/dZ`` and
    ``dC/dA``, since ``f(Z) = Z`` and ``f' = 1``: it costs nothing.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activations: Sequence[str],
        m: int,
        dtype: DTypeLike,
    ) -> None:
        self.sizes, self.activations, self.m = list(sizes), list(activations), m
        self.dtype = np.dtype(dtype)

        def empty(n: int) -> Array:
            return np.empty((m, n), dtype, order="F")

        # The parameters, layer after layer, as [W; b]: one flat array, so
        # that their gradients are one flat array too, copied out at once.
        self.theta = np.empty(_count(sizes), dtype)
        self.dC_dtheta = np.empty_like(self.theta)
        self.Wb = _stacked(self.theta, sizes)
        self.dC_dWb = _stacked(self.dC_dtheta, sizes)
        self.A_ones = [np.ones((m, n + 1), dtype, order="F") for n in sizes[:-1]]
        self.A = [M[:, :-1] for M in self.A_ones] + [empty(sizes[-1])]
        self.dC_dA = [empty(n) for n in sizes]
        self.Z, self.dC_dZ, self.zeros = [], [], []
        for i, name in enumerate(self.activations):
            identity = name == "identity"
            self.Z.append(self.A[i + 1] if identity else empty(sizes[i + 1]))
            self.dC_dZ.append(self.dC_dA[i + 1] if identity else empty(sizes[i + 1]))
            self.zeros.append(np.zeros((m, sizes[i + 1]), dtype, order="F"))

    def loss_and_gradients(
        self, W: Sequence[Array], b: Sequence[Array], X: Array, Y: Array
    ) -> tuple[float, list[Array], list[Array]]:
        """The mean squared error on ``(X, Y)`` and its gradient for every ``W``, ``b``.

        ``X`` and ``Y`` are checked arrays of ``m`` rows and the workspace's
        dtype, ``W`` and ``b`` arrays of the network's shapes; ``ValueError``
        if one of those holds NaN or inf. Returns new arrays (the workspace's
        are refilled next time).
        """
        for Wb, W_l, b_l in zip(self.Wb, W, b, strict=True):
            Wb[:-1], Wb[-1] = W_l, b_l
        if not np.isfinite(self.theta).all():  # one call for every parameter
            raise ValueError("the network's W and b must be finite, got NaN or inf")
        A_L = self._forward(X)
        E = np.subtract(A_L, Y, out=self.dC_dA[-1])  # the error, A - Y
        loss = float(np.vdot(E, E)) / E.size
        E *= 2.0 / E.size  # now dC/dA^[L], the gradient of the mean squared error
        self._backward()
        flat = self.dC_dtheta.copy()
        stacked = _stacked(flat, self.sizes)
        return loss, [M[:-1] for M in stacked], [M[-1] for M in stacked]

    def _forward(self, X: Array) -> Array:
        """Z^[l] = [A^[l-1], 1] [W^[l]; b^[l]] and A^[l] = f(Z^[l])."""
        self.A[0][...] = X
        for i, name in enumerate(self.activations):
            np.matmul(self.A_ones[i], self.Wb[i], out=self.Z[i])  # into any layout
            _apply(name, self.Z[i], self.A[i + 1], self.zeros[i])
        return self.A[-1]

    def _backward(self) -> None:
        """From dC/dA^[L] in ``dC_dA[-1]``, the four formulas, last layer first."""
        for i in reversed(range(len(self.activations))):
            name = self.activations[i]
            if name != "identity":  # the identity's dC/dZ is its dC/dA already
                _prime_from_output(name, self.A[i + 1], self.dC_dZ[i])
                self.dC_dZ[i] *= self.dC_dA[i + 1]
            # [dC/dW; dC/db] = [A_prev, 1]^T dC/dZ: the last row sums the rows
            np.dot(self.A_ones[i].T, self.dC_dZ[i], out=self.dC_dWb[i])
            if i > 0:  # dC/dA_prev = dC/dZ W^T, as its transpose W dC/dZ^T,
                # since np.dot writes only into row-major arrays
                np.dot(self.Wb[i][:-1], self.dC_dZ[i].T, out=self.dC_dA[i].T)


def _count(sizes: Sequence[int]) -> int:
    return sum((n_in + 1) * n_out for n_in, n_out in pairwise(sizes))


def _stacked(theta: Array, sizes: Sequence[int]) -> list[Array]:
    """Views of the flat ``theta`` as each layer's ``[W; b]``, ``(n_in + 1, n_out)``."""
    views, start = [], 0
    for n_in, n_out in pairwise(sizes):
        end = start + (n_in + 1) * n_out
        views.append(theta[start:end].reshape(n_in + 1, n_out))
        start = end
    return views
