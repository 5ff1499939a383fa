"""The chain rule, worked on two small examples from the course.

Each function sits beside its derivative, and the names follow the page
*The chain rule*:

- **A chain of straight lines.** Height depends on weight, ``h(w) = 2 w``;
  shoe size depends on height, ``s(h) = h / 4``. Composed, shoe size depends
  on weight, and ``ds/dw = ds/dh * dh/dw = 1/4 * 2 = 1/2``.
- **A curve.** Shoe size as a function of age, ``s(x) = sqrt(x**2 + 1/2)``,
  splits into an inner function ``u(x) = x**2 + 1/2`` and an outer function
  ``s(u) = sqrt(u)``, so ``ds/dx = ds/du * du/dx = x / sqrt(x**2 + 1/2)``.

Every function accepts a float or a NumPy array and works element-wise.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._validate import as_array

__all__ = [
    "dh_dw",
    "ds_dh",
    "ds_du",
    "ds_dw",
    "ds_dx",
    "du_dx",
    "height",
    "shoe_size_from_age",
    "shoe_size_from_height",
    "shoe_size_from_u",
    "shoe_size_from_weight",
    "u",
]


def _positive(value: ArrayLike, name: str) -> NDArray[np.float64]:
    array = as_array(value, name)
    if not np.all(array > 0):
        raise ValueError(f"{name} must be positive, got {value!r}")
    return array


# --8<-- [start:lines]
def height(w: ArrayLike) -> NDArray[np.float64]:
    """Height from weight: h(w) = 2 w."""
    return 2.0 * as_array(w, "w")


def dh_dw(w: ArrayLike) -> NDArray[np.float64]:
    """dh/dw = 2, whatever the weight."""
    return np.full_like(as_array(w, "w"), 2.0)


def shoe_size_from_height(h: ArrayLike) -> NDArray[np.float64]:
    """Shoe size from height: s(h) = h / 4."""
    return as_array(h, "h") / 4.0


def ds_dh(h: ArrayLike) -> NDArray[np.float64]:
    """ds/dh = 1/4, whatever the height."""
    return np.full_like(as_array(h, "h"), 0.25)


def shoe_size_from_weight(w: ArrayLike) -> NDArray[np.float64]:
    """Shoe size from weight, through height: s(h(w))."""
    return shoe_size_from_height(height(w))


def ds_dw(w: ArrayLike) -> NDArray[np.float64]:
    """The chain rule: ds/dw = ds/dh * dh/dw, with ds/dh taken at h(w)."""
    return ds_dh(height(w)) * dh_dw(w)


# --8<-- [end:lines]


# --8<-- [start:curve]
def u(x: ArrayLike) -> NDArray[np.float64]:
    """The inner function: u(x) = x**2 + 1/2."""
    x = as_array(x, "x")
    return x**2 + 0.5


def du_dx(x: ArrayLike) -> NDArray[np.float64]:
    """du/dx = 2 x."""
    return 2.0 * as_array(x, "x")


def shoe_size_from_u(u: ArrayLike) -> NDArray[np.float64]:
    """The outer function: s(u) = sqrt(u), for u > 0."""
    return np.sqrt(_positive(u, "u"))


def ds_du(u: ArrayLike) -> NDArray[np.float64]:
    """ds/du = 1 / (2 sqrt(u)), for u > 0."""
    return 0.5 / np.sqrt(_positive(u, "u"))


def shoe_size_from_age(x: ArrayLike) -> NDArray[np.float64]:
    """Shoe size from age: s(u(x)) = sqrt(x**2 + 1/2)."""
    return shoe_size_from_u(u(x))


def ds_dx(x: ArrayLike) -> NDArray[np.float64]:
    """The chain rule: ds/dx = ds/du * du/dx = x / sqrt(x**2 + 1/2)."""
    return ds_du(u(x)) * du_dx(x)


# --8<-- [end:curve]
