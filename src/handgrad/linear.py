"""A straight line, its losses and their gradients, and least squares.

Notation (the pages use the same):

- One input ``x`` (body mass, kg) and one target ``y`` (height, cm) for each
  of ``m`` samples: two arrays of shape ``(m,)``.
- The line ``ŷ = b + w·x``, with intercept ``b`` and slope ``w``. It is a
  network of one unit: a bias ``b`` and a weight ``w``.
- The residual of sample ``i`` is ``r_i = y_i - ŷ_i``.
- The sum of squared residuals ``SSR(b, w) = Σ r_i²``, whose gradient is
  ``∂SSR/∂b = -2 Σ r_i`` and ``∂SSR/∂w = -2 Σ r_i x_i``.
- The line's mean squared error ``MSE = SSR / m``; its gradient is the SSR's
  divided by ``m``. (`handgrad.losses.mse` is the same mean for a
  network's output, written in its predictions instead of ``b`` and ``w``.)

Every loss sits beside its gradient, which is returned as a pair
``(dL_db, dL_dw)`` of floats. `Standardizer` moves ``x`` to
standardised units and carries a fitted line back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._arrays import finite_numbers, same_length_as, vector
from handgrad._checks import checks
from handgrad._validate import number, positive_number

__all__ = [
    "Standardizer",
    "least_squares",
    "line_mse",
    "line_mse_gradient",
    "predict",
    "ssr",
    "ssr_gradient",
]

# A float, or an array of them such as a whole history of intercepts.
Scalars = float | NDArray[np.float64]


@checks(x=vector, b=number, w=number)
# --8<-- [start:predict]
def predict(x: ArrayLike, b: float, w: float) -> NDArray[np.float64]:
    """The line's prediction ``ŷ = b + w·x`` for each ``x``: shape ``(m,)``."""
    return b + w * x


# --8<-- [end:predict]


@checks(x=vector, y=same_length_as("x"), b=number, w=number)
# --8<-- [start:ssr]
def ssr(x: ArrayLike, y: ArrayLike, b: float, w: float) -> float:
    """The sum of squared residuals ``SSR = Σ (y_i - (b + w·x_i))²``."""
    r = y - (b + w * x)
    return float(np.sum(r**2))


# --8<-- [end:ssr]


@checks(x=vector, y=same_length_as("x"), b=number, w=number)
# --8<-- [start:ssr_gradient]
def ssr_gradient(x: ArrayLike, y: ArrayLike, b: float, w: float) -> tuple[float, float]:
    """``(dSSR_db, dSSR_dw)``: ``-2 Σ r_i`` and ``-2 Σ r_i x_i``."""
    r = y - (b + w * x)
    dSSR_db = -2 * np.sum(r)
    dSSR_dw = -2 * np.sum(r * x)
    return float(dSSR_db), float(dSSR_dw)


# --8<-- [end:ssr_gradient]


@checks(x=vector, y=same_length_as("x"), b=number, w=number)
# --8<-- [start:line_mse]
def line_mse(x: ArrayLike, y: ArrayLike, b: float, w: float) -> float:
    """The line's mean squared error ``MSE = SSR / m``."""
    return ssr(x, y, b, w) / len(x)


# --8<-- [end:line_mse]


@checks(x=vector, y=same_length_as("x"), b=number, w=number)
# --8<-- [start:line_mse_gradient]
def line_mse_gradient(
    x: ArrayLike, y: ArrayLike, b: float, w: float
) -> tuple[float, float]:
    """``(dMSE_db, dMSE_dw)``: the SSR's gradient divided by ``m``."""
    dSSR_db, dSSR_dw = ssr_gradient(x, y, b, w)
    return dSSR_db / len(x), dSSR_dw / len(x)


# --8<-- [end:line_mse_gradient]


def varying(value: ArrayLike, name: str, checked: object = None) -> NDArray:
    """The rule for an ``x`` to fit a slope to: a vector of at least two values."""
    x = vector(value, name)
    if np.all(x == x[0]):
        raise ValueError(
            f"{name} must hold at least two different values to fit a slope, "
            f"got all {len(x)} equal to {float(x[0])!r}"
        )
    return x


@checks(x=varying, y=same_length_as("x"), returns=finite_numbers)
# --8<-- [start:least-squares]
def least_squares(x: ArrayLike, y: ArrayLike) -> tuple[float, float]:
    """The line with the smallest SSR, in closed form: ``(b, w)``.

    ``w = Σ (x_i - x̄)(y_i - ȳ) / Σ (x_i - x̄)²`` and ``b = ȳ - w·x̄``, where
    ``x̄`` and ``ȳ`` are the means. Raises ``ValueError`` when every ``x`` is
    the same (then no slope is better than another).
    """
    # In units of the largest |x| and |y|, every number is at most 1: no
    # square overflows or vanishes, whether x is 1e170 or 1e-200.
    x_unit, y_unit = np.max(np.abs(x)), np.max(np.abs(y)) or 1.0
    x, y = x / x_unit, y / y_unit
    x_mean, y_mean = np.mean(x), np.mean(y)
    w = np.sum((x - x_mean) * (y - y_mean)) / np.sum((x - x_mean) ** 2)
    b = y_mean - w * x_mean
    return float(b * y_unit), float(w * y_unit / x_unit)


# --8<-- [end:least-squares]


# --8<-- [start:standardize]
@dataclass(frozen=True)
class Standardizer:
    """Moves ``x`` to ``x_s = (x - mean) / std``, and a line back again.

    A line fitted in standardised units, ``ŷ = b_s + w_s·x_s``, is the line
    ``ŷ = b + w·x`` with ``w = w_s / std`` and ``b = b_s - w_s·mean / std``.
    ``Standardizer()`` (mean 0, std 1) changes nothing; ``std = 1`` alone
    only centres ``x``.
    """

    mean: float = 0.0
    std: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "mean", number(self.mean, "mean"))
        object.__setattr__(self, "std", positive_number(self.std, "std"))

    @classmethod
    def from_data(cls, x: ArrayLike, *, scale: bool = True) -> Standardizer:
        """The mean and standard deviation of ``x``; ``scale=False`` only centres."""
        x = varying(x, "x") if scale else vector(x, "x")
        return cls(float(np.mean(x)), float(np.std(x)) if scale else 1.0)

    def transform(self, x: ArrayLike) -> NDArray[np.float64]:
        """``x_s = (x - mean) / std``, shape ``(m,)``."""
        return (vector(x, "x") - self.mean) / self.std

    def to_original(self, b_s: Scalars, w_s: Scalars) -> tuple[Scalars, Scalars]:
        """A line in standardised units, ``(b_s, w_s)``, as ``(b, w)`` for raw ``x``.

        Works on floats or on arrays of the same shape (a whole history).
        """
        return b_s - w_s * self.mean / self.std, w_s / self.std

    def to_standard(self, b: Scalars, w: Scalars) -> tuple[Scalars, Scalars]:
        """A line for raw ``x``, ``(b, w)``, as ``(b_s, w_s)``: the inverse map."""
        return b + w * self.mean, w * self.std


# --8<-- [end:standardize]
