"""Input checks shared by the whole package, and the decorator that applies them.

Bad input fails here, early and loudly, with a message that names the
argument, says what was expected and shows what was received, instead of a
NaN or a traceback from deep inside NumPy.

Each public function of the package checks its arguments at the door, with
one line above it, ``@checks(x=vector, b=number, ...)``, and its body is
then the plain algorithm, the code a page shows. A *rule* is called as
``rule(value, name, checked)``, where ``checked`` holds the arguments
already checked (so that ``y`` can be compared with ``x``), and returns the
value to use, converted (a list becomes a float array) and never the
caller's own array if it could be changed.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import math
import numbers
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "DEFAULT_SEED",
    "all_finite",
    "as_array",
    "checks",
    "count",
    "finite_numbers",
    "no_overflow",
    "non_negative_number",
    "number",
    "positive_number",
    "same_length",
    "same_length_as",
    "seed",
    "vector",
]

# The seed that every function of the package uses unless it is given another.
DEFAULT_SEED = 0

F = TypeVar("F", bound=Callable[..., Any])
Rule = Callable[[Any, str, dict[str, Any]], Any]


def checks(
    returns: Callable[[Any, str], Any] | None = None, **rules: Rule
) -> Callable[[F], F]:
    """A decorator: check the named arguments with their rules, then call the function.

    ``@checks(x=vector, b=number)`` above ``def f(x, b, w)`` runs
    ``vector(x, "x", ...)`` and ``number(b, "b", ...)``, in the order of the
    signature, and calls ``f`` with what they return. Arguments without a
    rule pass as they are. ``returns``, if given, checks the result:
    ``returns(result, name_of_f)``. The unchecked function stays available as
    ``f.plain``, for the package's own calls on values it has checked.
    """

    def decorate(f: F) -> F:
        signature = inspect.signature(f)
        unknown = set(rules) - set(signature.parameters)
        if unknown:  # pragma: no cover - a mistake in the package itself
            raise TypeError(f"{f.__name__} has no argument {sorted(unknown)}")

        names = list(signature.parameters)
        kinds = {p.kind for p in signature.parameters.values()}
        plain = {
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            inspect.Parameter.KEYWORD_ONLY,
        }
        if kinds - plain:  # pragma: no cover
            raise TypeError(f"{f.__name__}: @checks takes plain arguments only")
        positional = [
            name
            for name, p in signature.parameters.items()
            if p.kind is p.POSITIONAL_OR_KEYWORD
        ]
        defaults = {
            name: p.default
            for name, p in signature.parameters.items()
            if p.default is not p.empty
        }

        @functools.wraps(f)
        def checked(*args: Any, **kwargs: Any) -> Any:
            given = dict(zip(positional, args, strict=False))
            if len(args) > len(positional) or given.keys() & kwargs.keys():
                signature.bind(*args, **kwargs)  # raises Python's own TypeError
            given |= kwargs
            if given.keys() != set(names):
                signature.bind(*args, **kwargs)  # the same, for a missing argument
                given = defaults | given
            done: dict[str, Any] = {}
            for name in names:
                rule = rules.get(name)
                done[name] = (
                    given[name] if rule is None else rule(given[name], name, done)
                )
            if returns is None:
                return f(**done)
            with np.errstate(over="ignore", invalid="ignore"):  # `returns` says it
                result = f(**done)
            return returns(result, f.__name__)

        checked.plain = f  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return decorate


@contextlib.contextmanager
def no_overflow(what: str) -> Iterator[None]:
    """Turn an overflow (or an inf - inf) inside the block into a clear ValueError.

    ``what`` names the computation for the message, such as ``"the forward
    pass"``. Without this, NumPy would warn and carry on with inf and NaN.
    """
    try:
        with np.errstate(over="raise", invalid="raise"):
            yield
    except FloatingPointError as error:
        raise ValueError(
            f"{what} left the finite numbers ({error}): the inputs or the "
            "parameters are too large"
        ) from None


def all_finite(*arrays: NDArray[np.floating]) -> bool:
    """True if no entry of any of ``arrays`` is NaN or infinite.

    One dot product per array, which BLAS does at once: a NaN or an inf
    makes the sum of squares NaN or inf. So does an entry above about 1e154
    (its square overflows), and only then are the entries looked at one by one.
    """
    total = sum(float(np.vdot(a, a)) for a in arrays)
    return math.isfinite(total) or all(np.isfinite(a).all() for a in arrays)


def show(value: object) -> str:
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


def number(value: object, name: str, checked: object = None) -> float:
    """A rule: ``value`` as a finite float, such as an intercept or a slope."""
    if type(value) is not float and (
        isinstance(value, bool) or not isinstance(value, numbers.Real)
    ):
        raise TypeError(f"{name} must be a real number, got {show(value)}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{name} must be a finite number, got {show(value)}")
    return result


def positive_number(value: object, name: str, checked: object = None) -> float:
    """A rule: ``value`` as a positive, finite float, such as a learning rate."""
    if type(value) is not float and (
        isinstance(value, bool) or not isinstance(value, numbers.Real)
    ):
        raise TypeError(f"{name} must be a positive number, got {show(value)}")
    result = float(value)
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


def same_length(a: NDArray, a_name: str, b: NDArray, b_name: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have as many rows (samples)."""
    if len(a) != len(b):
        raise ValueError(
            f"{a_name} and {b_name} must have the same number of samples, "
            f"got {len(a)} and {len(b)}"
        )
