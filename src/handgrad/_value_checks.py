"""The input rules of `handgrad.autodiff`: what a Value accepts, at the door.

Each rule is called as ``rule(value, name, checked)`` by
`handgrad._checks.checks`; ``checked["self"]`` is the Value whose
method is called, so the rules need not import the class.
"""

from __future__ import annotations

import math
import numbers
import sys
from typing import Any

from handgrad._validate import number, show

__all__ = [
    "below_exp_limit",
    "operand",
    "plain_exponent",
    "positive",
    "single_number",
]

# exp(x) is the largest float at about x = 709.78; past it, it overflows.
EXP_LIMIT = math.log(sys.float_info.max)


def operand(other: object, name: str, checked: dict[str, Any]) -> Any:
    """The rule for the other side of ``+ - * /``: a Value, or a real number."""
    kind = type(checked["self"])  # Value
    if isinstance(other, kind):
        return other
    if isinstance(other, numbers.Real) and not isinstance(other, bool):
        return kind(other)
    raise TypeError(
        f"{name} must be a Value or a real number, got {show(other)} "
        f"of type {type(other).__name__}"
    )


def plain_exponent(exponent: object, name: str, checked: dict[str, Any]) -> float:
    """The rule for ``x ** n``: ``n`` a plain number, and ``x ** n`` defined."""
    if isinstance(exponent, type(checked["self"])):
        raise TypeError(
            f"{name} must be a plain number (int or float), got a Value: "
            "write a ** b with b a Value as (b * a.log()).exp()"
        )
    n = number(exponent, name)
    x = checked["self"].data
    if x < 0 and not n.is_integer():
        raise ValueError(
            f"{name} must be a whole number when the base is negative, "
            f"got {x!r} ** {n!r}"
        )
    if x == 0 and n < 1:
        raise ValueError(
            f"{name} must be at least 1 when the base is 0 (the slope of x ** n "
            f"at 0 is infinite for n < 1; a / 0 is x * 0 ** -1), got 0.0 ** {n!r}"
        )
    try:  # the power and its slope, n x ** (n - 1), must both be floats
        x**n, x ** (n - 1)
    except OverflowError:
        raise ValueError(
            f"{x!r} ** {n!r} or its slope is too large for a float"
        ) from None
    return n


def positive(value: Any, name: str, checked: object = None) -> Any:
    """The rule for ``log``: the value must be above 0."""
    if not value.data > 0:
        raise ValueError(f"log needs a positive value, got {value.data!r}")
    return value


def below_exp_limit(value: Any, name: str, checked: object = None) -> Any:
    """The rule for ``exp``: a value whose exp is still a finite float."""
    if value.data > EXP_LIMIT:
        raise ValueError(
            f"exp needs a value of at most {EXP_LIMIT:.2f} (its exp is the largest "
            f"float), got {value.data!r}"
        )
    return value


def single_number(data: object, name: str, checked: object = None) -> float:
    """The rule for ``data``: one finite real number, as a float."""
    if isinstance(data, bool) or not isinstance(data, numbers.Real):
        raise TypeError(f"{name} must be a single real number, got {show(data)}")
    if not math.isfinite(data):
        raise ValueError(
            f"{name} must be a finite number, got {data!r} (a result too large "
            "for a float?)"
        )
    return float(data)
