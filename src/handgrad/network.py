"""A fully connected network of any layer sizes: forward and backward.

A network with layer sizes ``[n_0, n_1, ..., n_L]`` has ``L`` layers. Layer
``l`` takes the previous layer's activations ``A^[l-1]`` (``A^[0] = X``,
the inputs) and computes

    Z^[l] = A^[l-1] W^[l] + b^[l]        shape (m, n_l)
    A^[l] = f^[l](Z^[l])                 shape (m, n_l)

with weights ``W^[l]`` of shape ``(n_{l-1}, n_l)``, biases ``b^[l]`` of
shape ``(n_l,)`` (added to every row) and an activation ``f^[l]`` from
:mod:`handgrad.activations`. Samples are rows: ``X`` is ``(m, n_0)`` and the
output ``A^[L]`` is ``(m, n_L)``.

In the code, Python counts from 0: ``W[i]``, ``b[i]`` and ``Z[i]`` belong to
layer ``i + 1`` (``W[0]`` is ``W^[1]``), while ``A[i]`` is ``A^[i]``, with
``A[0] = X``. So layer ``i + 1`` reads ``A[i]`` and writes ``Z[i]`` and
``A[i + 1]``.

The cost is the mean squared error (:mod:`handgrad.losses`);
backpropagation (:meth:`Network.backward`) gives its gradient with respect
to every ``W^[l]`` and ``b^[l]``, each in the shape of its parameter.
Training is in :mod:`handgrad.training`.

For speed, the passes write into the arrays of a :class:`Cache` (``out=``),
the parameters share one flat array, ``theta``, and each layer's product and
bias are one matrix product: see :mod:`handgrad.cache`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from handgrad import training
from handgrad._validate import as_array, positive_int, same_length
from handgrad.activations import Activation, get_activation
from handgrad.cache import Cache, Gradients, n_parameters, stacked, unpack
from handgrad.losses import mse, mse_gradient

__all__ = ["Cache", "Gradients", "Network"]

Array = NDArray[np.floating]


class Network:
    """A fully connected network: weights ``W``, biases ``b``, activations.

    ``W[i]`` has the shape ``(n_in, n_out)`` of layer ``i + 1`` and ``b[i]``
    the shape ``(n_out,)``, all of one dtype, float64 (the default) or float32.
    They are views of one flat array ``theta`` that the network owns: change
    them in place (``net.W[0][...] = ...``), never rebind them. ``Wb[i]``,
    ``(n_in + 1, n_out)``, is ``W[i]`` with ``b[i]`` as one more row, ``[W; b]``
    (:mod:`handgrad.cache`). Build one with :meth:`Network.init`, or from
    given arrays (copied) with ``Network(W, b, activations)``.
    """

    def __init__(
        self,
        W: Sequence[ArrayLike],
        b: Sequence[ArrayLike],
        activations: Sequence[str],
        *,
        dtype: DTypeLike = np.float64,
    ) -> None:
        self.dtype = _float_dtype(dtype)
        if len(W) == 0:
            raise ValueError("W must hold at least one layer's weights, got none")
        self.activations: list[Activation] = _activations(activations, len(W))
        if len(b) != len(W):
            raise ValueError(
                f"b must hold one array per layer ({len(W)}), got {len(b)}"
            )
        W = [as_array(w, f"W[{i}]", ndim=2, dtype=self.dtype) for i, w in enumerate(W)]
        b = [as_array(v, f"b[{i}]", ndim=1, dtype=self.dtype) for i, v in enumerate(b)]
        self.sizes = [W[0].shape[0]] + [w.shape[1] for w in W]
        for i in range(len(W)):
            if W[i].shape[0] != self.sizes[i]:
                raise ValueError(
                    f"W[{i}] must have {self.sizes[i]} rows, one per output of the "
                    f"layer before, got shape {W[i].shape}"
                )
            if b[i].shape != (self.sizes[i + 1],):
                raise ValueError(
                    f"b[{i}] must have shape ({self.sizes[i + 1]},), got {b[i].shape}"
                )
        self.theta = np.empty(n_parameters(self.sizes), self.dtype)
        self.Wb = stacked(self.theta, self.sizes)
        self.W, self.b = unpack(self.theta, self.sizes)
        for view, given in zip(self.W + self.b, W + b, strict=True):
            view[...] = given

    # --8<-- [start:init]
    @classmethod
    def init(
        cls,
        sizes: Sequence[int],
        activations: Sequence[str],
        *,
        seed: int = 0,
        dtype: DTypeLike = np.float64,
    ) -> Network:
        """A network with random weights drawn from ``default_rng(seed)``.

        ``sizes`` lists the width of every layer, inputs first: ``[1, 20, 1]``
        is one input, 20 hidden units and one output. ``activations`` names
        one activation per layer, ``len(sizes) - 1`` of them.

        Weights are normal with standard deviation ``sqrt(2 / n_in)`` for a
        ReLU layer (He initialisation) and ``sqrt(1 / n_in)`` otherwise
        (LeCun, the Xavier scaling for one direction), so that the size of
        the activations neither grows nor shrinks from layer to layer.
        Biases start at zero. The numbers are drawn in float64 and then
        rounded to ``dtype``.
        """
        if isinstance(sizes, str) or not isinstance(sizes, Sequence):
            raise TypeError(f"sizes must be a list of layer sizes, got {sizes!r}")
        if len(sizes) < 2:
            raise ValueError(f"sizes must list at least 2 layer sizes, got {sizes!r}")
        sizes = [positive_int(n, f"sizes[{i}]") for i, n in enumerate(sizes)]
        fs = _activations(activations, len(sizes) - 1)
        rng = np.random.default_rng(seed)
        W, b = [], []
        for (n_in, n_out), f in zip(pairwise(sizes), fs, strict=True):
            gain = 2.0 if f.name == "relu" else 1.0
            W.append(rng.standard_normal((n_in, n_out)) * math.sqrt(gain / n_in))
            b.append(np.zeros(n_out))
        return cls(W, b, [f.name for f in fs], dtype=dtype)

    # --8<-- [end:init]

    def new_cache(self, m: int) -> Cache:
        """An empty :class:`Cache` for this network and batches of ``m`` samples."""
        names = [f.name for f in self.activations]
        return Cache(self.sizes, positive_int(m, "m"), self.dtype, names)

    def forward(self, X: ArrayLike, cache: Cache | None = None) -> Array:
        """The output ``A^[L]``, shape ``(m, n_L)``, for the inputs ``X``, ``(m, n_0)``.

        Layer by layer, for ``l = 1, ..., L``:

            Z^[l] = A^[l-1] W^[l] + b^[l]       (b added to every row)
            A^[l] = f^[l](Z^[l])

        starting from ``A^[0] = X``. Every ``Z^[l]`` and ``A^[l]`` is kept in
        ``cache`` for :meth:`backward`: pass ``net.new_cache(m)`` to keep
        them (a throw-away one is used otherwise).
        """
        X = self.check_inputs(X)
        if cache is None:
            cache = self.new_cache(len(X))
        cache.check(self, len(X))
        return self._forward(X, cache).copy()

    # --8<-- [start:forward]
    def _forward(self, X: Array, cache: Cache) -> Array:
        """Z^[l] = A^[l-1] W^[l] + b^[l] and A^[l] = f^[l](Z^[l]), for l = 1, ..., L.

        Z is one product, [A^[l-1], 1] [W^[l]; b^[l]]: A with a column of ones
        (the cache's A_ones) times W with b as one more row (Wb, in theta).
        """
        A, A_ones, Z = cache.A, cache.A_ones, cache.Z
        A[0][...] = X  # A^[0] = X, copied into the cache's [X, 1]
        for i, f in enumerate(self.activations):
            np.matmul(A_ones[i], self.Wb[i], out=Z[i])  # Z = [A_prev, 1] [W; b]
            if f.name != "identity":  # the identity's A is Z, one array: no copy
                f.apply(Z[i], out=A[i + 1])  # A = f(Z)
        return A[-1]

    # --8<-- [end:forward]

    def backward(self, cache: Cache, dC_dA: ArrayLike) -> Gradients:
        """Backpropagation: the gradient of the cost for every parameter.

        ``cache`` is what :meth:`forward` filled for the batch, and ``dC_dA``
        is the gradient of the cost with respect to the output ``A^[L]``,
        shape ``(m, n_L)`` (for the mean squared error, ``mse_gradient``).
        The chain rule then runs from the last layer to the first
        (``l = L, ..., 1``):

            dC/dZ^[l]   = dC/dA^[l] * f'(Z^[l])     (entry by entry)
            dC/dW^[l]   = A^[l-1]^T dC/dZ^[l]        shape (n_{l-1}, n_l)
            dC/db^[l]   = sum over the rows of dC/dZ^[l]      shape (n_l,)
            dC/dA^[l-1] = dC/dZ^[l] W^[l]^T          shape (m, n_{l-1})

        ``f'(Z)`` is computed from ``A = f(Z)`` (see
        :class:`handgrad.activations.Activation`). Returns the
        :class:`Gradients`, arrays of ``cache`` that its next pass overwrites.
        """
        cache.check(self, cache.m)
        dC_dA = as_array(dC_dA, "dC_dA", ndim=2, dtype=self.dtype)
        if dC_dA.shape != cache.A[-1].shape:
            raise ValueError(
                f"dC_dA must have the shape of the output, {cache.A[-1].shape}, "
                f"got {dC_dA.shape}"
            )
        cache.dC_dA[-1][...] = dC_dA
        self._backward(cache)
        return Gradients(cache.dC_dW, cache.dC_db)

    # --8<-- [start:backward]
    def _backward(self, cache: Cache) -> None:
        """The chain rule, from the output back to the first layer (l = L, ..., 1).

        dC/dZ^[l]   = dC/dA^[l] * f'(Z^[l])     (entry by entry)
        dC/dW^[l]   = A^[l-1]^T dC/dZ^[l]
        dC/db^[l]   = sum over the rows of dC/dZ^[l]
        dC/dA^[l-1] = dC/dZ^[l] W^[l]^T

        from dC/dA^[L] in cache.dC_dA[-1]. The middle two are one product,
        [A^[l-1], 1]^T dC/dZ^[l]: its last row, ones times dC/dZ, sums the rows.
        """
        A, A_ones, dC_dA, dC_dZ = cache.A, cache.A_ones, cache.dC_dA, cache.dC_dZ
        for i in reversed(range(len(self.W))):
            f = self.activations[i]
            if f.name != "identity":  # the identity's f' = 1: dC_dZ is dC_dA
                f.prime_from_output(A[i + 1], out=dC_dZ[i])  # f'(Z)
                dC_dZ[i] *= dC_dA[i + 1]  # dC/dZ = dC/dA * f'(Z)
            # [dC/dW; dC/db] = [A_prev, 1]^T dC/dZ
            np.dot(A_ones[i].T, dC_dZ[i], out=cache.dC_dWb[i])
            if i > 0:  # dC/dA_prev = dC/dZ W^T, computed as its transpose: np.dot
                # is the fast product here, but writes only into row-major arrays
                np.dot(self.W[i], dC_dZ[i].T, out=dC_dA[i].T)  # W dC/dZ^T

    # --8<-- [end:backward]

    def gradients(self, X: ArrayLike, Y: ArrayLike) -> Gradients:
        """The gradient of the mean squared error on ``(X, Y)``, for every parameter."""
        X, Y = self.check_data(X, Y)
        cache = self.new_cache(len(X))
        return self.backward(cache, mse_gradient(self._forward(X, cache), Y))

    def loss(self, X: ArrayLike, Y: ArrayLike) -> float:
        """The mean squared error of the network's output on ``(X, Y)``."""
        X, Y = self.check_data(X, Y)
        return mse(self._forward(X, self.new_cache(len(X))), Y)

    def step(self, gradients: Gradients, learning_rate: float) -> None:
        """One step of gradient descent, in place (:func:`handgrad.training.step`)."""
        training.step(self, gradients, learning_rate)

    def train(
        self, X: ArrayLike, Y: ArrayLike, *, learning_rate: float, steps: int
    ) -> NDArray[np.float64]:
        """Full-batch gradient descent, in place (:func:`handgrad.training.train`)."""
        return training.train(self, X, Y, learning_rate=learning_rate, steps=steps)

    def check_inputs(self, X: ArrayLike) -> Array:
        """``X`` as a checked ``(m, n_0)`` array of the network's dtype."""
        X = as_array(X, "X", ndim=2, dtype=self.dtype)
        if X.shape[1] != self.sizes[0]:
            raise ValueError(
                f"X must have {self.sizes[0]} column(s), one per input, "
                f"got shape {X.shape}"
            )
        return X

    def check_data(self, X: ArrayLike, Y: ArrayLike) -> tuple[Array, Array]:
        """``X`` (m, n_0) and ``Y`` (m, n_L), checked, with as many rows."""
        X = self.check_inputs(X)
        Y = as_array(Y, "Y", ndim=2, dtype=self.dtype)
        if Y.shape[1] != self.sizes[-1]:
            raise ValueError(
                f"Y must have {self.sizes[-1]} column(s), one per output, "
                f"got shape {Y.shape}"
            )
        same_length(X, "X", Y, "Y")
        return X, Y


def _float_dtype(dtype: DTypeLike) -> np.dtype:
    try:
        checked = np.dtype(dtype)
    except TypeError:
        checked = None
    if checked not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float32 or float64, got {dtype!r}")
    return checked


def _activations(names: Sequence[str], layers: int) -> list[Activation]:
    if isinstance(names, str) or not isinstance(names, Sequence):
        raise TypeError(f"activations must be a list of names, got {names!r}")
    if len(names) != layers:
        raise ValueError(
            f"activations must name one activation per layer ({layers}), "
            f"got {len(names)}: {list(names)!r}"
        )
    return [get_activation(name, f"activations[{i}]") for i, name in enumerate(names)]
