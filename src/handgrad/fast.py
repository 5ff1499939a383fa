"""The network's gradient, arranged for speed: the engine behind ``Network.gradients``.

This module computes exactly what `handgrad.network.forward` and
`handgrad.network.backward` compute, the two equations and the four
formulas, for the mean squared error, but arranged so that NumPy does as
little as possible. No page shows it and you never need to read it: the
tests (``tests/test_fast.py``) check that it gives the numbers of the
readable code, to 1e-12, on random networks of every kind and on inputs of
every memory layout.

Why it exists, measured by ``make bench`` (``benchmarks/bench_train.py``):
training the 1-20-1 network of the pages with the readable passes takes
about 2.5 to 3 times as long per step as with this engine, and is barely
faster than PyTorch. On arrays this small NumPy's fixed cost per call, not
arithmetic, sets the speed; on the 1,797 digits, memory traffic and the
layout BLAS is handed do. So:

- a `Workspace` holds every array a pass fills for a batch of ``m``
  samples, made once and refilled with ``out=``;
- the bias is folded into the product, ``Z = [A, 1] [W; b]``, for every
  layer after the first: one BLAS call instead of a product and an add,
  and the bias gradient comes as the last row of ``[A, 1]^T dC/dZ``;
- those arrays, every ``Z`` and every ``dC/dZ`` are column-major
  (``order="F"``): samples are still rows, but each unit's column lies
  contiguous, so ``A``, the first columns of ``[A, 1]``, is one block;
- the first layer reads ``X`` where it lies, and `handgrad.training.train`
  hands it over column-major, laid out once: on the digits, OpenBLAS's two
  products with a column-major ``X`` took 133 + 179 µs against 145 + 231 µs
  for a row-major one, and copying ``X`` into ``[X, 1]`` at every step cost
  45 µs (150 µs into a column-major copy). Only a narrow ``X`` (at most
  ``FOLD_X_UP_TO`` columns, as the 1-20-1 network's one) is copied into
  ``[X, 1]``: there the copy is cheaper than the calls it saves;
- the loss is ``vdot`` of the error's transpose, which is row-major: of the
  column-major error itself, NumPy makes a copy first (4.6 against 38.6 µs
  on the digits);
- the derivative of the activation comes from ``A = f(Z)`` (``A > 0`` for
  ReLU, ``A (1 - A)`` for the sigmoid), and an identity layer does nothing.

The times above are CPU times of single calls on this project's 2-core test
machine (November 2026, NumPy 2.4 with OpenBLAS 0.3.31, one thread).
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


# X is copied into [X, 1] only when it has this many columns or fewer: the
# copy costs a pass over X at every step, which buys one product for a
# narrow X (1-20-1, one column: measured faster than a product, a bias add
# and the bias gradient apart), but not for the 64 pixels of the digits.
FOLD_X_UP_TO = 4


class Workspace:
    """Every array that a forward and a backward pass fill, for ``m`` samples.

    ``sizes`` and ``activations`` (names) describe the network. The input of
    every layer after the first is kept as ``[A, 1]`` (``A_ones``: a last
    column of ones) and its parameters as ``[W; b]`` (``Wb``), so that
    ``Z = [A, 1] [W; b]`` is ``A W + b`` in one product; these arrays, and
    every ``Z`` and ``dC/dZ``, are column-major. The first layer reads ``X``
    where it lies (``Z = X W + b``), column-major or not, unless ``X`` is
    narrow (``FOLD_X_UP_TO``): then ``[X, 1]`` is a copy, like the others.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activations: Sequence[str],
        m: int,
        dtype: DTypeLike,
    ) -> None:
        self.activations = list(activations)
        self.fold_X = sizes[0] <= FOLD_X_UP_TO

        def empty(n: int) -> Array:
            return np.empty((m, n), dtype, order="F")

        self.A_ones = [np.ones((m, n + 1), dtype, order="F") for n in sizes[:-1]]
        self.A = [M[:, :-1] for M in self.A_ones] + [empty(sizes[-1])]
        self.Wb = [
            np.empty((n_in + 1, n_out), dtype) for n_in, n_out in pairwise(sizes)
        ]
        self.ones = np.ones(m, dtype)  # ones @ dC/dZ sums dC/dZ's rows: dC/db
        self.Z, self.dC_dZ, self.zeros = [], [], []
        self.dC_dA = [empty(n) for n in sizes]  # dC_dA[0] is never filled
        for i, name in enumerate(self.activations):
            identity = name == "identity"  # its Z is its A, its dC/dZ its dC/dA
            self.Z.append(self.A[i + 1] if identity else empty(sizes[i + 1]))
            self.dC_dZ.append(self.dC_dA[i + 1] if identity else empty(sizes[i + 1]))
            self.zeros.append(np.zeros((m, sizes[i + 1]), dtype, order="F"))
        # Views made once, not at every call: W and b inside [W; b], and the
        # transposes the backward pass multiplies by.
        self.W_in_Wb = [M[:-1] for M in self.Wb]
        self.b_in_Wb = [M[-1] for M in self.Wb]
        self.A_ones_T = [M.T for M in self.A_ones]
        self.dC_dA_T = [M.T for M in self.dC_dA]

    def loss_and_gradients(
        self, W: Sequence[Array], b: Sequence[Array], X: Array, Y: Array
    ) -> tuple[float, list[Array], list[Array]]:
        """The mean squared error on ``(X, Y)`` and its gradient for every ``W``, ``b``.

        ``X`` and ``Y`` are checked arrays of ``m`` rows and the workspace's
        dtype, ``W`` and ``b`` finite arrays of the network's shapes. Nothing
        is written into them. The gradients are new arrays, the caller's.
        """
        A, A_ones, Z, Wb = self.A, self.A_ones, self.Z, self.Wb
        views = zip(self.W_in_Wb, self.b_in_Wb, W, b, strict=True)
        for W_view, b_view, W_l, b_l in views:
            W_view[...], b_view[...] = W_l, b_l
        if self.fold_X:
            A[0][...] = X
        for i, name in enumerate(self.activations):
            if i == 0 and not self.fold_X:
                np.matmul(X, W[0], out=Z[0])
                Z[0] += b[0]
            else:
                np.matmul(A_ones[i], Wb[i], out=Z[i])  # [A, 1] [W; b] = A W + b
            if name != "identity":
                _apply(name, Z[i], A[i + 1], self.zeros[i])
        E = np.subtract(A[-1], Y, out=self.dC_dA[-1])  # the error, A - Y
        loss = float(np.vdot(E.T, E.T)) / E.size  # E^T is row-major: no copy
        E *= 2.0 / E.size  # now dC/dA^[L], the gradient of the mean squared error
        dC_dW, dC_db = [], []  # from the last layer to the first, reversed below
        for i in reversed(range(len(self.activations))):
            name, dZ = self.activations[i], self.dC_dZ[i]
            if name != "identity":
                _prime_from_output(name, A[i + 1], dZ)
                dZ *= self.dC_dA[i + 1]
            if i == 0 and not self.fold_X:
                dC_dW.append(np.dot(X.T, dZ))
                dC_db.append(np.dot(self.ones, dZ))
            else:  # [dC/dW; dC/db] = [A_prev, 1]^T dC/dZ: its last row sums dZ's rows
                dC_dWb = np.dot(self.A_ones_T[i], dZ)
                dC_dW.append(dC_dWb[:-1])
                dC_db.append(dC_dWb[-1])
            if i > 0:  # dC/dA_prev = dZ W^T, as its transpose, W dZ^T: np.dot
                # writes only into row-major arrays, which dC_dA^T is
                np.dot(self.W_in_Wb[i], dZ.T, out=self.dC_dA_T[i])
        dC_dW.reverse()
        dC_db.reverse()
        return loss, dC_dW, dC_db
