"""Input checks shared by the whole package.

Bad input fails here, early and loudly, with a message that names the
argument, says what was expected and shows what was received, instead of a
NaN or a traceback from deep inside NumPy.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "as_array",
    "finite_number",
    "positive_finite",
    "positive_int",
    "same_length",
]


def _show(value: object) -> str:
    """A short description of ``value`` for an error message."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_array(
    value: ArrayLike,
    name: str,
    *,
    ndim: int | None = None,
    dtype: type = np.float64,
    allow_empty: bool = False,
) -> NDArray[np.floating]:
    """``value`` as a float array, checked.

    Raises ``TypeError`` for values that are not numbers (text, ``None``,
    objects) and ``ValueError`` for the wrong number of dimensions, an empty
    array (unless ``allow_empty``) or a NaN or infinite entry.
    """
    if isinstance(value, str | bytes) or value is None:
        raise TypeError(f"{name} must be numbers, got {_show(value)}")
    try:
        array = np.asarray(value)
    except ValueError:  # ragged nested lists
        raise ValueError(
            f"{name} must be a rectangular array of numbers, got {_show(value)}"
        ) from None
    if array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.number):
        raise TypeError(f"{name} must be numbers, got {_show(value)}")
    if np.iscomplexobj(array):
        raise TypeError(f"{name} must be real numbers, got {_show(value)}")
    array = array.astype(dtype, copy=False)
    if ndim is not None and array.ndim != ndim:
        raise ValueError(
            f"{name} must have {ndim} dimension{'s' if ndim != 1 else ''}, "
            f"got {_show(array)}"
        )
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty, got {_show(array)}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {_show(value)}")
    return array


def finite_number(value: object, name: str) -> float:
    """``value`` as a float that is finite, such as an intercept or a slope."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_show(value)}")
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {_show(value)}")
    return number


def positive_finite(value: object, name: str) -> float:
    """``value`` as a float that is positive and finite, such as a learning rate."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number, got {_show(value)}")
    number = float(value)
    if not (np.isfinite(number) and number > 0):
        raise ValueError(f"{name} must be a positive finite number, got {_show(value)}")
    return number


def positive_int(value: object, name: str) -> int:
    """``value`` as an int of at least 1, such as a step count or a layer size."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {_show(value)}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {_show(value)}")
    return int(value)


def same_length(a: NDArray, a_name: str, b: NDArray, b_name: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have as many rows (samples)."""
    if len(a) != len(b):
        raise ValueError(
            f"{a_name} and {b_name} must have the same number of samples, "
            f"got {len(a)} and {len(b)}"
        )
