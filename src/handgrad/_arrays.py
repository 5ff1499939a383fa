"""The input rules for arrays: the shape, the dtype and finite entries.

A *rule* is called as ``rule(value, name, checked)``, where ``checked``
holds the arguments already checked (so that ``y`` can be compared with
``x``), and returns the value to use, converted: a list becomes a float
array. `handgrad._checks.checks` applies rules at a function's door.
The package never writes into an array it is given.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._validate import Rule, show

__all__ = [
    "all_finite",
    "as_array",
    "columns",
    "finite_numbers",
    "same_length",
    "same_length_as",
    "shaped_copies",
    "vector",
]


def all_finite(*arrays: NDArray[np.floating]) -> bool:
    """True if no entry of any of ``arrays`` is NaN or infinite.

    One dot product, which BLAS does at once: a NaN or an inf makes the sum
    of squares NaN or inf. So does an entry above about 1e154 (its square
    overflows), and only then are the entries looked at one by one. (This
    runs at every step of training, where a check per array would cost as
    much as the arithmetic.)
    """
    flat = (
        arrays[0].ravel()
        if len(arrays) == 1
        else np.concatenate([a.ravel() for a in arrays])
    )
    return math.isfinite(float(np.vdot(flat, flat))) or bool(np.isfinite(flat).all())


def as_array(
    value: ArrayLike,
    name: str,
    *,
    ndim: int | None = None,
    dtype: type | np.dtype = np.float64,
    allow_empty: bool = False,
    copy: bool = False,
    finite: bool = True,
) -> NDArray[np.floating]:
    """``value`` as a float array of ``dtype``, checked.

    Raises ``TypeError`` for values that are not numbers (text, ``None``,
    objects, booleans) and ``ValueError`` for the wrong number of dimensions,
    an empty array (unless ``allow_empty``) or a NaN or infinite entry,
    including a number too large for ``dtype`` (float32 ends near 3.4e38).
    With ``copy=True`` the result is always a new array, never ``value``;
    with ``finite=False`` NaN and inf pass, for a caller that checks later.
    """
    dtype = np.dtype(dtype)
    if type(value) is np.ndarray and value.dtype == dtype and not copy:
        array = value  # already an array of the dtype: only the checks below
        if ndim is not None and array.ndim != ndim:
            raise ValueError(
                f"{name} must have {ndim} dimension{'s' if ndim != 1 else ''}, "
                f"got {show(array)}"
            )
        if array.size and (not finite or all_finite(array)):
            return array
    if isinstance(value, str | bytes) or value is None:
        raise TypeError(f"{name} must be numbers, got {show(value)}")
    try:
        array = np.asarray(value)
    except ValueError:  # ragged nested lists
        raise ValueError(
            f"{name} must be a rectangular array of numbers, got {show(value)}"
        ) from None
    if array.dtype.kind == "c":
        raise TypeError(f"{name} must be real numbers, got {show(value)}")
    if array.dtype.kind not in "iuf":  # not bool, text, objects or dates
        raise TypeError(f"{name} must be numbers, got {show(value)}")
    original = array
    with np.errstate(over="ignore"):  # an overflow to inf is reported below
        array = array.astype(dtype, copy=copy)
    if ndim is not None and array.ndim != ndim:
        raise ValueError(
            f"{name} must have {ndim} dimension{'s' if ndim != 1 else ''}, "
            f"got {show(array)}"
        )
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty, got {show(array)}")
    if finite and not np.isfinite(array).all():
        if np.isfinite(original).all():
            largest = np.abs(original).max()
            raise ValueError(
                f"{name} must fit in {np.dtype(dtype).name}, whose largest number "
                f"is {np.finfo(dtype).max:.3g}, got an entry of size {largest:.3g}"
            )
        raise ValueError(f"{name} must be finite (no NaN or inf), got {show(value)}")
    return array


def finite_numbers(values: tuple[float, ...], name: str) -> tuple[float, ...]:
    """A rule for a result: every number finite, or ``ValueError`` naming ``name``."""
    if not all(np.isfinite(values)):
        raise ValueError(
            f"{name} gives {values}, which does not fit in a float64: rescale the data"
        )
    return values


def vector(value: ArrayLike, name: str, checked: object = None) -> NDArray:
    """A rule: ``value`` as a finite, non-empty 1-D float64 array."""
    return as_array(value, name, ndim=1)


def same_length_as(other: str) -> Rule:
    """A rule: a vector with as many entries as the argument ``other``."""

    def rule(value: ArrayLike, name: str, checked: dict[str, Any]) -> NDArray:
        array = vector(value, name)
        same_length(checked[other], other, array, name)
        return array

    return rule


def same_length(a: NDArray, a_name: str, b: NDArray, b_name: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have as many rows (samples)."""
    if len(a) != len(b):
        raise ValueError(
            f"{a_name} and {b_name} must have the same number of samples, "
            f"got {len(a)} and {len(b)}"
        )


def columns(n: int) -> Rule:
    """A rule: a finite ``(m, n)`` float64 array, one sample per row."""

    def rule(value: ArrayLike, name: str, checked: object = None) -> NDArray:
        array = as_array(value, name, ndim=2)
        if array.shape[1] != n:
            raise ValueError(f"{name} must have shape (m, {n}), got {array.shape}")
        return array

    return rule


def shaped_copies(record: Any, shapes: dict[str, tuple[int, ...]]) -> None:
    """Replace each named field of the frozen ``record`` by a checked copy.

    Each must become a finite float64 array of its shape in ``shapes``.
    """
    for name, shape in shapes.items():
        array = as_array(getattr(record, name), name, copy=True)
        if array.shape != shape:
            raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
        object.__setattr__(record, name, array)
