"""The input rules for numbers and choices, shared by the whole package.

Bad input fails at a function's door, early and loudly, with a message that
names the argument, says what was expected and shows what was received,
instead of a NaN or a traceback from deep inside NumPy. The rules for
numbers and choices are here, those for arrays in `handgrad._arrays`,
and `handgrad._checks.checks` applies them.

A *rule* is called as ``rule(value, name, checked)``, where ``checked``
holds the arguments already checked, and returns the value to use.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = [
    "DEFAULT_SEED",
    "Rule",
    "count",
    "instance_of",
    "non_negative_number",
    "number",
    "one_of",
    "positive_number",
    "seed",
    "show",
]

# The seed that every function of the package uses unless it is given another.
DEFAULT_SEED = 0

Rule = Callable[[Any, str, dict[str, Any]], Any]


def show(value: object) -> str:
    """A short description of ``value`` for an error message."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _real(value: object, name: str, what: str) -> float:
    """``value`` as a float, or ``TypeError`` saying it must be ``what``."""
    if type(value) is not float and (
        isinstance(value, bool) or not isinstance(value, numbers.Real)
    ):
        raise TypeError(f"{name} must be {what}, got {show(value)}")
    return float(value)


def number(value: object, name: str, checked: object = None) -> float:
    """A rule: ``value`` as a finite float, such as an intercept or a slope."""
    result = _real(value, name, "a real number")
    if not math.isfinite(result):
        raise ValueError(f"{name} must be a finite number, got {show(value)}")
    return result


def positive_number(value: object, name: str, checked: object = None) -> float:
    """A rule: ``value`` as a positive, finite float, such as a learning rate."""
    result = _real(value, name, "a positive number")
    if not (math.isfinite(result) and result > 0):
        raise ValueError(f"{name} must be a positive finite number, got {show(value)}")
    return result


def non_negative_number(value: object, name: str, checked: object = None) -> float:
    """A rule: ``value`` as a finite float of at least 0, such as a tolerance."""
    result = number(value, name)
    if result < 0:
        raise ValueError(f"{name} must be at least 0, got {show(value)}")
    return result


def count(value: object, name: str, checked: object = None) -> int:
    """A rule: ``value`` as an int of at least 1, such as a step count or a size."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {show(value)}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {show(value)}")
    return int(value)


def seed(value: object, name: str = "seed", checked: object = None) -> int:
    """A rule: a seed for ``numpy.random.default_rng``, an int of at least 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer of at least 0, got {show(value)}")
    if value < 0:
        raise ValueError(f"{name} must be at least 0, got {show(value)}")
    return int(value)


def one_of(*allowed: Any) -> Rule:
    """A rule: the value must be one of ``allowed`` (``True`` is not ``1``)."""

    def rule(value: Any, name: str, checked: object) -> Any:
        # `is` for False and True, so that 0, 1 or "yes" do not pass for them.
        if not any(
            value is a or (isinstance(value, str) and value == a) for a in allowed
        ):
            raise ValueError(f"{name} must be one of {allowed}, got {value!r}")
        return value

    return rule


def instance_of(kind: type) -> Callable[[Any, str, object], Any]:
    """A rule: the value must be a ``kind``, such as a ``Params``."""

    def rule(value: Any, name: str, checked: object) -> Any:
        if not isinstance(value, kind):
            raise TypeError(f"{name} must be {kind.__name__}, got {show(value)}")
        return value

    return rule
