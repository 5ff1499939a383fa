"""Gradient descent on a straight line, with the history of every step.

The notation is that of :mod:`handgrad.linear`: ``m`` samples ``x`` and
``y`` of shape ``(m,)``, the line ``ŷ = b + w·x`` with intercept ``b`` and
slope ``w``, and a loss ``L`` that is the SSR or the MSE.

Each step moves both parameters at once, against their gradient:
``b ← b - learning_rate·∂L/∂b`` and ``w ← w - learning_rate·∂L/∂w``. The
*step size* of a parameter is ``learning_rate * its gradient``. Descent stops
when the largest absolute step size is at most ``tolerance`` (the rule of
StatQuest's videos: steps shrink as the slope of the loss flattens), or
after ``max_steps`` steps. The rule looks at steps, not at the change in the
loss, so it also stops at a loss of exactly 0, where the gradient and every
step are 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._validate import (
    as_array,
    finite_number,
    positive_finite,
    positive_int,
    same_length,
)
from handgrad.linear import Standardizer, mse, mse_gradient, ssr, ssr_gradient

__all__ = ["DivergenceError", "Fit", "History", "gradient_descent"]

LOSSES = {"ssr": (ssr, ssr_gradient), "mse": (mse, mse_gradient)}
# Past this many times its starting value, the loss is taken to grow without bound.
GROWTH_LIMIT = 1e12


class DivergenceError(ValueError):
    """The loss or the parameters blew up: the learning rate is too large."""

    def __init__(self, learning_rate: float, step: int, start_loss: float, loss: float):
        self.learning_rate, self.step = learning_rate, step
        super().__init__(
            f"gradient descent diverged at step {step} with "
            f"learning_rate={learning_rate:g}: the loss went from {start_loss:.6g} "
            f"to {loss:.6g}. Use a smaller learning_rate, or standardize x "
            f"(standardize=True) so that one learning rate suits both parameters."
        )


@dataclass(frozen=True)
class History:
    """Every step of a descent: arrays of shape ``(steps + 1,)``, one entry a step.

    Entry ``k`` describes the point reached after ``k`` updates; entry 0 is
    the start. It holds that point's ``intercept`` and ``slope``, its
    ``loss``, the gradient there (``d_intercept`` = ∂L/∂b, ``d_slope`` =
    ∂L/∂w) and the step sizes computed there (``step_intercept``,
    ``step_slope`` = ``learning_rate *`` the gradient, or 0 for a parameter
    held fixed). Entry ``k + 1`` is entry ``k`` minus its step sizes. The
    last entry's step sizes were computed but not taken: they were small
    enough to stop, or ``max_steps`` was reached.

    The values are in the units descent worked in: standardised units when
    ``x`` was standardised. ``Fit.standardizer.to_original(intercept, slope)``
    maps the parameters back to the units of ``x``.
    """

    intercept: NDArray[np.float64]
    slope: NDArray[np.float64]
    loss: NDArray[np.float64]
    d_intercept: NDArray[np.float64]
    d_slope: NDArray[np.float64]
    step_intercept: NDArray[np.float64]
    step_slope: NDArray[np.float64]


@dataclass(frozen=True)
class Fit:
    """The line that descent found, in the units of ``x``, and how it got there.

    Attributes
    ----------
    intercept, slope
        The last point reached, mapped back to the units of ``x``.
    steps
        How many updates were taken: ``len(history.loss) - 1``.
    converged
        True if descent stopped because its steps became small enough, False
        if it ran out of ``max_steps``.
    history
        Every point on the way, in the units descent worked in (:class:`History`).
    standardizer
        The map between those units and the units of ``x`` (the identity
        when ``x`` was not standardised).
    """

    intercept: float
    slope: float
    steps: int
    converged: bool
    history: History
    standardizer: Standardizer


def _check_options(fit: str, loss: str, standardize: object) -> None:
    for name, value, allowed in [
        ("fit", fit, ("both", "intercept")),
        ("loss", loss, tuple(LOSSES)),
        ("standardize", standardize, (False, True, "center")),
    ]:
        # `is` for False and True, so that 0, 1 or "yes" do not pass for them.
        if not any(
            value is a or (isinstance(value, str) and value == a) for a in allowed
        ):
            raise ValueError(f"{name} must be one of {allowed}, got {value!r}")


def gradient_descent(
    x: ArrayLike,
    y: ArrayLike,
    *,
    learning_rate: float,
    start: tuple[float, float] = (0.0, 0.0),
    fit: str = "both",
    fixed_slope: float | None = None,
    loss: str = "ssr",
    max_steps: int = 1000,
    tolerance: float = 1e-6,
    standardize: bool | str = False,
) -> Fit:
    """Fit the line ``ŷ = b + w·x`` to ``x`` and ``y`` by gradient descent.

    ``start`` is the first ``(intercept, slope)``, in the units of ``x``.
    ``fit="both"`` moves both; ``fit="intercept"`` moves the intercept only
    and holds the slope at ``fixed_slope`` (by default the start's slope).
    ``loss`` is ``"ssr"`` or ``"mse"``. ``standardize=True`` runs descent on
    ``x_s = (x - mean) / std`` and ``"center"`` on ``x - mean``; the result
    is mapped back to the units of ``x`` either way, while ``Fit.history``
    stays in the units descent worked in (see :class:`History`).

    Raises :class:`DivergenceError` if the loss, a gradient or a step stops
    being finite, or the loss passes ``GROWTH_LIMIT`` times its start.
    """
    x, y = as_array(x, "x", ndim=1), as_array(y, "y", ndim=1)
    same_length(x, "x", y, "y")
    b, w = _pair(start)
    learning_rate = positive_finite(learning_rate, "learning_rate")
    max_steps = positive_int(max_steps, "max_steps")
    tolerance = finite_number(tolerance, "tolerance")
    if tolerance < 0:
        raise ValueError(f"tolerance must be at least 0, got {tolerance!r}")
    _check_options(fit, loss, standardize)
    if fixed_slope is not None:
        if fit != "intercept":
            raise ValueError("fixed_slope is only used with fit='intercept'")
        w = finite_number(fixed_slope, "fixed_slope")
    standardizer = Standardizer()
    if standardize:
        standardizer = Standardizer.from_data(x, scale=standardize is True)
    x_s = standardizer.transform(x)
    b, w = standardizer.to_standard(b, w)
    loss_of, gradient_of = LOSSES[loss]

    rows, converged = [], False
    with np.errstate(over="ignore", invalid="ignore"):
        # --8<-- [start:update]
        for step in range(max_steps + 1):  # the start, then up to max_steps updates
            L = loss_of(x_s, y, b, w)
            dL_db, dL_dw = gradient_of(x_s, y, b, w)
            step_b = learning_rate * dL_db
            step_w = learning_rate * dL_dw if fit == "both" else 0.0
            rows.append((b, w, L, dL_db, dL_dw, step_b, step_w))
            _check_divergence(rows, learning_rate, step)
            # --8<-- [start:stop]
            if max(abs(step_b), abs(step_w)) <= tolerance:
                converged = True
                break
            # --8<-- [end:stop]
            if step < max_steps:
                b, w = b - step_b, w - step_w  # both from the same gradient
        # --8<-- [end:update]

    history = History(*(_frozen(column) for column in zip(*rows, strict=True)))
    b, w = standardizer.to_original(b, w)
    return Fit(float(b), float(w), step, converged, history, standardizer)


def _pair(start: object) -> tuple[float, float]:
    """``start`` as a checked ``(intercept, slope)``."""
    try:
        b, w = start  # type: ignore[misc]
    except (TypeError, ValueError):
        raise ValueError(
            f"start must be a pair (intercept, slope), got {start!r}"
        ) from None
    return finite_number(b, "start intercept"), finite_number(w, "start slope")


def _check_divergence(rows: list[tuple], learning_rate: float, step: int) -> None:
    """Raise :class:`DivergenceError` if the newest row is not finite or blew up."""
    start_loss, latest = rows[0][2], rows[-1]
    loss = latest[2]
    if not np.all(np.isfinite(latest)) or loss > GROWTH_LIMIT * start_loss:
        raise DivergenceError(learning_rate, step, start_loss, loss)


def _frozen(values: tuple[float, ...]) -> NDArray[np.float64]:
    array = np.array(values, dtype=np.float64)
    array.flags.writeable = False
    return array
