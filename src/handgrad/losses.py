"""The mean squared error, beside its gradient.

The network's prediction ``A`` and the targets ``Y`` are arrays of the same
shape, ``(m, n_out)``: one row per sample, one column per output. The loss
averages the squared error over **every entry**, samples and outputs alike,
which is what PyTorch's ``nn.MSELoss()`` does by default
(``reduction="mean"``). With one output, that is the mean over the samples.

A float32 ``A`` gives a float32 gradient; otherwise arrays are float64.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._validate import as_array

__all__ = ["mse", "mse_gradient"]


def _pair(A: ArrayLike, Y: ArrayLike) -> tuple[NDArray[np.floating], ...]:
    """``A`` and ``Y`` checked: finite, non-empty, of the same shape."""
    dtype = np.float32 if getattr(A, "dtype", None) == np.float32 else np.float64
    A = as_array(A, "A", dtype=dtype)
    Y = as_array(Y, "Y", dtype=dtype)
    if A.shape != Y.shape:
        raise ValueError(
            f"A and Y must have the same shape, got A {A.shape} and Y {Y.shape}"
        )
    return A, Y


# --8<-- [start:mse]
def mse(A: ArrayLike, Y: ArrayLike) -> float:
    """The mean squared error, ``C = mean((A - Y)**2)``, over every entry.

    Parameters
    ----------
    A
        The predictions, shape ``(m, n_out)`` (any shape will do).
    Y
        The targets, the same shape as ``A``.

    Returns
    -------
    float
        The sum of ``(A - Y)**2`` over all ``A.size`` entries, divided by
        ``A.size``: equal to PyTorch's ``nn.MSELoss()``.
    """
    A, Y = _pair(A, Y)
    E = A - Y
    return float(np.vdot(E, E)) / E.size


def mse_gradient(A: ArrayLike, Y: ArrayLike) -> NDArray[np.floating]:
    """``dC/dA = 2 (A - Y) / A.size``, the gradient of :func:`mse`.

    Each entry of ``A`` appears in one term of the mean, so its slope is
    ``2 (A - Y)`` divided by the number of terms. The result has the shape
    of ``A``.
    """
    A, Y = _pair(A, Y)
    return (A - Y) * (2.0 / A.size)


# --8<-- [end:mse]
