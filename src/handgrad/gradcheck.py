"""Gradient checking: central differences and the relative error.

An analytic gradient (worked out by hand, or by backpropagation) is only as
good as the algebra behind it. The check is to estimate every partial
derivative again by brute force — nudge one entry of the parameter a little
either way, see how the cost moves — and compare the two with a relative
error, as in the cs231n notes on gradient checking.

The cost is passed as a **zero-argument function** ``f()`` that reads the
parameter array ``x`` itself (a closure such as
``lambda: loss(params, X, Y)`` where ``x`` is ``params.W1``).
`numerical_gradient` changes ``x`` *in place*, one entry at a time,
calls ``f()``, and puts the original value back, so the function sees the
nudged parameter without any copying or re-packing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._arrays import as_array
from handgrad._checks import checks
from handgrad._validate import positive_number

__all__ = ["EPS", "FLOOR", "check_gradient", "numerical_gradient", "relative_error"]

# The nudge of a central difference. Too large and the curvature of f spoils
# the estimate (an error of order EPS**2); too small and the rounding of f's
# value does (of order 1e-16 / EPS). 1e-5, near the cube root of the float64
# machine epsilon, balances the two, as in the cs231n code.
EPS = 1e-5
# Derivatives smaller than this are compared absolutely: see relative_error.
FLOOR = 1e-3


def _cost(f: Callable[[], float]) -> float:
    """``f()`` as a float, checked: one finite number."""
    return float(as_array(f(), "f()", ndim=0))


def perturbable(x: object, name: str, checked: object = None) -> NDArray[np.float64]:
    """The rule for ``x``: a writeable, non-empty, finite float64 array."""
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(
            f"{name} must be a float64 NumPy array (it is changed in place), "
            f"got {type(x).__name__}"
            + (f" of dtype {x.dtype}" if isinstance(x, np.ndarray) else "")
        )
    if not x.flags.writeable:
        raise ValueError(
            f"{name} must be a writeable array (it is changed in place), "
            "got a read-only one"
        )
    as_array(x, name)  # non-empty and finite
    return x


def _callable(f: object, name: str, checked: object = None) -> Callable[[], float]:
    if not callable(f):
        raise TypeError(f"{name} must be a function of no arguments, got {f!r}")
    return f


def _gradient_like(value: ArrayLike, name: str, checked: dict[str, Any]) -> NDArray:
    """The rule for a gradient: an array of the shape of the other argument."""
    other_name = "x" if "x" in checked else "analytic"
    other = checked[other_name]
    array = as_array(value, name)
    if array.shape != other.shape:
        raise ValueError(
            f"{other_name} and {name} must have the same shape, "
            f"got {other.shape} and {array.shape}"
        )
    return array


def _array(value: ArrayLike, name: str, checked: object = None) -> NDArray:
    return as_array(value, name)


@checks(f=_callable, x=perturbable, eps=positive_number)
# --8<-- [start:numerical_gradient]
def numerical_gradient(
    f: Callable[[], float], x: NDArray[np.float64], eps: float = EPS
) -> NDArray[np.float64]:
    """Estimate the gradient of the scalar ``f()`` with respect to ``x``.

    For every entry ``x[i]``, the central difference

        (f() with x[i] + eps  -  f() with x[i] - eps) / (2 eps)

    approximates the partial derivative ``df/dx[i]`` with an error of order
    ``eps**2``. ``x`` is changed in place while ``f()`` is called and each
    entry is then set back to its original value — exactly, even if ``f``
    raises.

    Parameters
    ----------
    f
        A function of no arguments that returns one finite number and reads
        ``x`` when called.
    x
        The float64 array to differentiate with respect to, any shape.
    eps
        The nudge, a positive finite number; the default ``1e-5`` suits
        float64 costs of order 1.

    Returns
    -------
    NDArray[np.float64]
        The estimated gradient, of the shape of ``x``.
    """
    gradient = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            x[index] = original + eps
            cost_plus = _cost(f)
            x[index] = original - eps
            cost_minus = _cost(f)
        finally:
            x[index] = original
        gradient[index] = (cost_plus - cost_minus) / (2 * eps)
    return gradient


# --8<-- [end:numerical_gradient]


@checks(analytic=_array, numeric=_gradient_like, floor=positive_number)
# --8<-- [start:relative_error]
def relative_error(
    analytic: ArrayLike, numeric: ArrayLike, *, floor: float = FLOOR
) -> float:
    """The largest relative difference between two gradients, entry by entry.

    For each entry, ``|a - n| / max(|a| + |n|, floor)``, and the maximum over
    all entries. Dividing by the sizes of the two values makes the number
    mean the same for a gradient of ``1e2`` as for one of ``1e-2``: an error
    of ``1e-8`` says the two agree to about 8 significant digits. It lies
    between 0 (equal) and 1 (opposite signs, or one zero and the other not).

    The ``floor`` is there because a central difference carries an absolute
    rounding error, about ``1e-11`` for a cost of order 1, however small the
    true derivative is. Divided by a tiny ``|a| + |n|``, that noise alone
    would look like a large relative error. Below the floor, the test
    therefore becomes absolute: with the default ``floor = 1e-3``, an error
    below ``1e-7`` there means ``|a - n| < 1e-10``. The floor also keeps two
    exact zeros from giving ``0 / 0``.

    In float64, below ``1e-7`` means the gradients agree; ``1e-4`` or above
    means a mistake in the algebra. Raises ``ValueError`` unless both have
    the same shape.
    """
    # Halves throughout: the same ratio, but |a - n| cannot overflow at 1e308.
    a, n = analytic / 2, numeric / 2
    return float(np.max(np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), floor / 2)))


# --8<-- [end:relative_error]


@checks(f=_callable, x=perturbable, analytic=_gradient_like)
def check_gradient(
    f: Callable[[], float],
    x: NDArray[np.float64],
    analytic: ArrayLike,
    *,
    eps: float = EPS,
    floor: float = FLOOR,
) -> float:
    """The relative error between ``analytic`` and the central differences of ``f``.

    Shorthand for
    ``relative_error(analytic, numerical_gradient(f, x, eps), floor=floor)``.
    ``analytic`` must have the shape of ``x``, which is checked before any
    cost is evaluated.
    """
    return relative_error(analytic, numerical_gradient(f, x, eps), floor=floor)
