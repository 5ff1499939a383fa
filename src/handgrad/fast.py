"""The network's gradient, arranged for speed: the engine behind ``Network.gradients``.

This module computes exactly what :func:`handgrad.network.forward` and
:func:`handgrad.network.backward` compute, the two equations and the four
formulas, for the mean squared error, but arranged so that NumPy does as
little as possible. No page shows it and you never need to read it: the
tests (``tests/test_fast.py``) check that it gives the numbers of the
readable code, to 1e-12, on random networks of every kind.

Why it exists, measured by ``make bench`` (``benchmarks/bench_train.py``,
the row "1-20-1 readable"): with the readable passes, training the 1-20-1
network of the pages is slower than PyTorch's; with this engine it is
several times faster. On arrays this small NumPy's fixed cost per call, not
arithmetic, sets the speed, and on the 1,797 digits fresh memory for every
array costs more than the arithmetic. So:

- a :class:`Workspace` holds every array a pass fills for a batch of ``m``
  samples, made once and refilled with ``out=``: no memory is allocated for
  the large arrays at each step;
- those arrays are column-major (``order="F"``): samples are still rows,
  but each column lies contiguous in memory, so adding a bias, summing the
  rows and the ReLU run as long loops, one per unit, not as one short loop
  per sample;
- a product whose inner dimension is 1, such as ``(256, 1) @ (1, 20)`` for
  the first layer of the 1-20-1 network, is an outer product: computed by
  broadcasting, it costs a third of what BLAS (``np.dot``) and a tenth of
  what ``@`` takes (NumPy's ``@`` does it without BLAS);
- the bias gradient, the sum of the rows of ``dC/dZ``, is the product
  ``ones @ dC/dZ``: one BLAS call;
- the derivative of the activation comes from ``A = f(Z)`` (``A > 0`` for
  ReLU, ``A (1 - A)`` for the sigmoid), and an identity layer does nothing.

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
    """``out = f(Z)`` for the activation ``name`` (the identity's out is Z)."""
    if name == "relu":  # against zeros laid out like Z: NumPy's fastest loop
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

    ``sizes`` and ``activations`` (names) describe the network. Each layer's
    input ``A`` is kept as ``[A, 1]`` (``A_ones``: a last column of ones)
    and its parameters as ``[W; b]`` (``Wb``), so that ``Z = [A, 1] [W; b]``
    is ``A W + b`` in one product. The first layer's ``[X, 1]`` is
    row-major, like the ``X`` copied into it; the others, and every ``Z``
    and ``dC/dZ``, are column-major, so that ``A``, the first columns of
    ``[A, 1]``, is contiguous.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activations: Sequence[str],
        m: int,
        dtype: DTypeLike,
    ) -> None:
        self.activations = list(activations)

        def empty(n: int) -> Array:
            return np.empty((m, n), dtype, order="F")

        self.A_ones = [
            np.ones((m, n + 1), dtype, order="C" if i == 0 else "F")
            for i, n in enumerate(sizes[:-1])
        ]
        self.A = [M[:, :-1] for M in self.A_ones] + [empty(sizes[-1])]
        self.Wb = [
            np.empty((n_in + 1, n_out), dtype) for n_in, n_out in pairwise(sizes)
        ]
        self.Z, self.dC_dZ, self.zeros = [], [], []
        self.dC_dA = [empty(n) for n in sizes]  # dC_dA[0] is never filled
        for i, name in enumerate(self.activations):
            identity = name == "identity"  # its Z is its A, its dC/dZ its dC/dA
            self.Z.append(self.A[i + 1] if identity else empty(sizes[i + 1]))
            self.dC_dZ.append(self.dC_dA[i + 1] if identity else empty(sizes[i + 1]))
            self.zeros.append(np.zeros((m, sizes[i + 1]), dtype, order="F"))

    def loss_and_gradients(
        self, W: Sequence[Array], b: Sequence[Array], X: Array, Y: Array
    ) -> tuple[float, list[Array], list[Array]]:
        """The mean squared error on ``(X, Y)`` and its gradient for every ``W``, ``b``.

        ``X`` and ``Y`` are checked arrays of ``m`` rows and the workspace's
        dtype, ``W`` and ``b`` finite arrays of the network's shapes. The
        gradients are new arrays, the caller's to keep.
        """
        A, A_ones, Z, Wb = self.A, self.A_ones, self.Z, self.Wb
        for Wb_l, W_l, b_l in zip(Wb, W, b, strict=True):
            Wb_l[:-1], Wb_l[-1] = W_l, b_l
        A[0][...] = X
        for i, name in enumerate(self.activations):
            np.matmul(A_ones[i], Wb[i], out=Z[i])  # [A, 1] [W; b] = A W + b
            if name != "identity":
                _apply(name, Z[i], A[i + 1], self.zeros[i])
        E = np.subtract(A[-1], Y, out=self.dC_dA[-1])  # the error, A - Y
        loss = float(np.vdot(E, E)) / E.size
        E *= 2.0 / E.size  # now dC/dA^[L], the gradient of the mean squared error
        dC_dW, dC_db = [], []
        for i in reversed(range(len(self.activations))):
            name, dZ = self.activations[i], self.dC_dZ[i]
            if name != "identity":
                _prime_from_output(name, A[i + 1], dZ)
                dZ *= self.dC_dA[i + 1]
            # [dC/dW; dC/db] = [A_prev, 1]^T dC/dZ: its last row sums dZ's rows
            dC_dWb = np.dot(A_ones[i].T, dZ)
            dC_dW.insert(0, dC_dWb[:-1])
            dC_db.insert(0, dC_dWb[-1])
            if i > 0:  # dC/dA_prev = dZ W^T, as its transpose, W dZ^T: np.dot
                # writes only into row-major arrays, which dC_dA^T is
                np.dot(Wb[i][:-1], dZ.T, out=self.dC_dA[i].T)
        return loss, dC_dW, dC_db
