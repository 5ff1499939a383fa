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

from handgrad._arrays import as_array
from handgrad._checks import checks

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


def values(value: ArrayLike, name: str, checked: object = None) -> NDArray[np.float64]:
    """The rule for an input: a finite number or array of them, as float64."""
    return as_array(value, name)


def positive(
    value: ArrayLike, name: str, checked: object = None
) -> NDArray[np.float64]:
    """The rule for the input of a square root: every entry above 0."""
    array = as_array(value, name)
    if not np.all(array > 0):
        raise ValueError(f"{name} must be positive, got {value!r}")
    return array


@checks(w=values)
# --8<-- [start:height]
def height(w: ArrayLike) -> NDArray[np.float64]:
    """Height from weight: h(w) = 2 w."""
    return 2.0 * w


# --8<-- [end:height]


@checks(w=values)
# --8<-- [start:dh_dw]
def dh_dw(w: ArrayLike) -> NDArray[np.float64]:
    """dh/dw = 2, whatever the weight."""
    return np.full_like(w, 2.0)


# --8<-- [end:dh_dw]


@checks(h=values)
# --8<-- [start:shoe_size_from_height]
def shoe_size_from_height(h: ArrayLike) -> NDArray[np.float64]:
    """Shoe size from height: s(h) = h / 4."""
    return h / 4.0


# --8<-- [end:shoe_size_from_height]


@checks(h=values)
# --8<-- [start:ds_dh]
def ds_dh(h: ArrayLike) -> NDArray[np.float64]:
    """ds/dh = 1/4, whatever the height."""
    return np.full_like(h, 0.25)


# --8<-- [end:ds_dh]


@checks(w=values)
# --8<-- [start:shoe_size_from_weight]
def shoe_size_from_weight(w: ArrayLike) -> NDArray[np.float64]:
    """Shoe size from weight, through height: s(h(w))."""
    return shoe_size_from_height(height(w))


# --8<-- [end:shoe_size_from_weight]


@checks(w=values)
# --8<-- [start:ds_dw]
def ds_dw(w: ArrayLike) -> NDArray[np.float64]:
    """The chain rule: ds/dw = ds/dh * dh/dw, with ds/dh taken at h(w)."""
    return ds_dh(height(w)) * dh_dw(w)


# --8<-- [end:ds_dw]


@checks(x=values)
# --8<-- [start:u]
def u(x: ArrayLike) -> NDArray[np.float64]:
    """The inner function: u(x) = x**2 + 1/2."""
    return x**2 + 0.5


# --8<-- [end:u]


@checks(x=values)
# --8<-- [start:du_dx]
def du_dx(x: ArrayLike) -> NDArray[np.float64]:
    """du/dx = 2 x."""
    return 2.0 * x


# --8<-- [end:du_dx]


@checks(u=positive)
# --8<-- [start:shoe_size_from_u]
def shoe_size_from_u(u: ArrayLike) -> NDArray[np.float64]:
    """The outer function: s(u) = sqrt(u), for u > 0."""
    return np.sqrt(u)


# --8<-- [end:shoe_size_from_u]


@checks(u=positive)
# --8<-- [start:ds_du]
def ds_du(u: ArrayLike) -> NDArray[np.float64]:
    """ds/du = 1 / (2 sqrt(u)), for u > 0."""
    return 0.5 / np.sqrt(u)


# --8<-- [end:ds_du]


@checks(x=values)
# --8<-- [start:shoe_size_from_age]
def shoe_size_from_age(x: ArrayLike) -> NDArray[np.float64]:
    """Shoe size from age: s(u(x)) = sqrt(x**2 + 1/2)."""
    return shoe_size_from_u(u(x))


# --8<-- [end:shoe_size_from_age]


@checks(x=values)
# --8<-- [start:ds_dx]
def ds_dx(x: ArrayLike) -> NDArray[np.float64]:
    """The chain rule: ds/dx = ds/du * du/dx = x / sqrt(x**2 + 1/2)."""
    return ds_du(u(x)) * du_dx(x)


# --8<-- [end:ds_dx]
