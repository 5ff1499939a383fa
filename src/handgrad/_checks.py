"""The door of every public function: ``@checks``, which applies the input rules.

Each public function of the package checks its arguments at the door, with
one line above it, ``@checks(x=vector, b=number, ...)`` (the rules are in
`handgrad._validate`), and its body is then the plain algorithm, the
code a page shows. The listings on the pages start below that line.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import numpy as np

from handgrad._validate import Rule

__all__ = ["checks", "no_overflow"]

F = TypeVar("F", bound=Callable[..., Any])


def checks(
    returns: Callable[[Any, str], Any] | None = None, **rules: Rule
) -> Callable[[F], F]:
    """A decorator: check the named arguments with their rules, then call the function.

    ``@checks(x=vector, b=number)`` above ``def f(x, b, w)`` runs
    ``vector(x, "x", checked)`` and ``number(b, "b", checked)``, in the order
    of the signature, and calls ``f`` with what they return; ``checked``
    holds every argument, those before the rule's own already checked.
    Arguments without a rule pass as they are. ``returns``, if given, checks
    the result: ``returns(result, name_of_f)``. The unchecked function stays
    available as ``f.plain``, for the package's own calls on checked values.
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

        ordered = [(name, rules[name]) for name in names if name in rules]
        every = set(names)
        all_positional = len(positional) == len(names)

        @functools.wraps(f)
        def checked(*args: Any, **kwargs: Any) -> Any:
            given = dict(zip(positional, args, strict=False))
            if not (all_positional and len(args) == len(names) and not kwargs):
                # Not the usual f(a, b, c): keywords, defaults, or a mistake.
                if len(args) > len(positional) or not given.keys().isdisjoint(kwargs):
                    signature.bind(*args, **kwargs)  # raises Python's own TypeError
                given.update(kwargs)
                if given.keys() != every:
                    signature.bind(*args, **kwargs)  # the same, for a missing one
                    given = defaults | given
            # In the order of the signature: a rule sees the earlier ones checked.
            for name, rule in ordered:
                given[name] = rule(given[name], name, given)
            if returns is None:
                return f(**given)
            with np.errstate(over="ignore", invalid="ignore"):  # `returns` says it
                result = f(**given)
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
