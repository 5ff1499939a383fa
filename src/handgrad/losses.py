"""The mean squared error of a network's output, beside its gradient.

The network's prediction ``A`` and the targets ``Y`` are arrays of the same
shape, ``(m, n_out)``: one row per sample, one column per output. The loss
averages the squared error over **every entry**, samples and outputs alike,
which is what PyTorch's ``nn.MSELoss()`` does by default
(``reduction="mean"``). With one output, that is the mean over the samples.

A float32 ``A`` gives a float32 gradient; otherwise arrays are float64.
(The straight line of the first pages has its own losses, written in its
two parameters: `handgrad.linear.ssr` and `handgrad.linear.line_mse`.)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._arrays import as_array
from handgrad._checks import checks
from handgrad.activations import entries

__all__ = ["mse", "mse_gradient"]


def targets(value: ArrayLike, name: str, checked: dict[str, Any]) -> NDArray:
    """The rule for ``Y``: an array of the shape and dtype of the checked ``A``."""
    A = checked["A"]
    Y = as_array(value, name, dtype=A.dtype)
    if Y.shape != A.shape:
        raise ValueError(
            f"A and Y must have the same shape, got A {A.shape} and Y {Y.shape}"
        )
    return Y


@checks(A=entries, Y=targets)
# --8<-- [start:mse]
def mse(A: ArrayLike, Y: ArrayLike) -> float:
    """The mean squared error, ``C = mean((A - Y)**2)``, over every entry.

    ``A`` holds the predictions, shape ``(m, n_out)`` (any shape will do),
    and ``Y`` the targets, of the same shape. The result is the sum of
    ``(A - Y)**2`` over all ``A.size`` entries, divided by ``A.size``: equal
    to PyTorch's ``nn.MSELoss()``.
    """
    return float(np.mean((A - Y) ** 2))


# --8<-- [end:mse]


@checks(A=entries, Y=targets)
# --8<-- [start:mse_gradient]
def mse_gradient(A: ArrayLike, Y: ArrayLike) -> NDArray[np.floating]:
    """``dC/dA = 2 (A - Y) / A.size``, the gradient of `mse`.

    Each entry of ``A`` appears in one term of the mean, so its slope is
    ``2 (A - Y)`` divided by the number of terms. The result has the shape
    of ``A``.
    """
    return 2 * (A - Y) / A.size


# --8<-- [end:mse_gradient]
