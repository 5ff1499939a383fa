"""Gradient descent on a straight line, with every step recorded.

The notation is that of `handgrad.linear`: ``m`` samples ``x`` and
``y`` of shape ``(m,)``, the line ``ŷ = b + w·x`` with intercept ``b`` and
slope ``w``, and a loss ``L`` that is the SSR or the line's MSE.

Each step moves both parameters at once, against their gradient:
``b ← b - learning_rate·∂L/∂b`` and ``w ← w - learning_rate·∂L/∂w``. The
*step size* of a parameter is ``learning_rate`` times its gradient.

Descent stops when the gradient has shrunk to ``tolerance`` times its size
at the start (its size is its largest entry, ignoring a slope held fixed),
or after ``max_steps`` steps. The rule does not depend on the learning rate,
nor on the units of the loss: a sum or a mean, centimetres or metres, the
gradient shrinks by the same factor. At a loss of exactly 0 the gradient is
0, and descent stops at once.

The result follows the package's one contract (`handgrad.fit`): a
`LineFit`, or `DivergenceError` if the loss
blows up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._arrays import same_length_as, vector
from handgrad._checks import checks
from handgrad._validate import (
    count,
    non_negative_number,
    number,
    one_of,
    positive_number,
)
from handgrad.fit import Fit, check_loss
from handgrad.linear import Standardizer, line_mse, line_mse_gradient, ssr, ssr_gradient

__all__ = ["LineFit", "Path", "gradient_descent"]

LOSSES = {
    "ssr": (ssr.plain, ssr_gradient.plain),
    "mse": (line_mse.plain, line_mse_gradient.plain),
}
HINT = ", or standardize x (standardize=True) so that one learning rate suits both"


@dataclass(frozen=True)
class Path:
    """Every point of a descent: arrays of shape ``(steps + 1,)``, one entry a step.

    Entry ``k`` is the point reached after ``k`` updates (entry 0 is the
    start): its ``intercept`` and ``slope``, the gradient there
    (``d_intercept`` = ∂L/∂b, ``d_slope`` = ∂L/∂w) and the step sizes
    computed there (``step_intercept``, ``step_slope``: ``learning_rate``
    times the gradient). A slope held fixed has gradient and step 0. Entry
    ``k + 1`` is entry ``k`` minus its step sizes; the last entry's steps
    were not taken.

    The values are in the units descent worked in: standardised units when
    ``x`` was standardised (``LineFit.standardizer`` maps them back).
    """

    intercept: NDArray[np.float64]
    slope: NDArray[np.float64]
    d_intercept: NDArray[np.float64]
    d_slope: NDArray[np.float64]
    step_intercept: NDArray[np.float64]
    step_slope: NDArray[np.float64]

    def __post_init__(self) -> None:
        for array in vars(self).values():
            array.flags.writeable = False


@dataclass(frozen=True)
class LineFit(Fit[tuple[float, float]]):
    """A `Fit` of a line: ``params`` is ``(intercept, slope)``.

    ``params`` and ``intercept``, ``slope`` are in the units of ``x``;
    ``loss`` is the loss after each update. ``path`` records every point in
    the units descent worked in, and ``standardizer`` maps those to the units
    of ``x`` (the identity when ``x`` was not standardised).
    """

    path: Path
    standardizer: Standardizer

    @property
    def intercept(self) -> float:
        """The final intercept ``b``, in the units of ``x``."""
        return self.params[0]

    @property
    def slope(self) -> float:
        """The final slope ``w``, in the units of ``x``."""
        return self.params[1]


def _pair(start: object, name: str, checked: object) -> tuple[float, float]:
    """The rule for ``start``: a pair ``(intercept, slope)`` of finite numbers."""
    try:
        b, w = start  # type: ignore[misc]
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be a pair (intercept, slope), got {start!r}"
        ) from None
    return number(b, f"{name} intercept"), number(w, f"{name} slope")


def _held_slope(value: object, name: str, checked: dict[str, Any]) -> float | None:
    """The rule for ``fixed_slope``: a number, and only with ``fit='intercept'``."""
    if value is None:
        return None
    if checked["fit"] != "intercept":
        raise ValueError(
            f"{name} is only used with fit='intercept', got fit={checked['fit']!r}"
        )
    return number(value, name)


@checks(
    x=vector,
    y=same_length_as("x"),
    learning_rate=positive_number,
    start=_pair,
    fit=one_of("both", "intercept"),
    fixed_slope=_held_slope,
    loss=one_of(*LOSSES),
    max_steps=count,
    tolerance=non_negative_number,
    standardize=one_of(False, True, "center"),
)
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
) -> LineFit:
    """Fit the line ``ŷ = b + w·x`` to ``x`` and ``y`` by gradient descent.

    ``start`` is the first ``(intercept, slope)``, in the units of ``x``.
    ``fit="both"`` moves both; ``fit="intercept"`` moves the intercept only
    and holds the slope at ``fixed_slope`` (by default the start's slope).
    ``loss`` is ``"ssr"`` or ``"mse"``. ``standardize=True`` runs descent on
    ``x_s = (x - mean) / std`` and ``"center"`` on ``x - mean``; the result
    is mapped back to the units of ``x`` either way, while ``LineFit.path``
    stays in the units descent worked in.

    Stops when the gradient has shrunk to ``tolerance`` times its size at
    the start, or after ``max_steps`` updates. Raises
    `DivergenceError` if the loss stops being finite or
    grows a trillionfold.
    """
    b, w = start
    if fixed_slope is not None:
        w = fixed_slope
    standardizer = Standardizer()
    if standardize:
        standardizer = Standardizer.from_data(x, scale=standardize is True)
    x_s = standardizer.transform(x)
    b, w = standardizer.to_standard(b, w)
    loss_of, gradient_of = LOSSES[loss]

    rows, converged = [], False
    with np.errstate(over="ignore", invalid="ignore"):  # check_loss reports it
        # --8<-- [start:update]
        for k in range(max_steps + 1):  # the start, then up to max_steps updates
            L = loss_of(x_s, y, b, w)
            dL_db, dL_dw = gradient_of(x_s, y, b, w)
            if fit == "intercept":
                dL_dw = 0.0  # the slope is held: it does not move
            rows.append((b, w, L, dL_db, dL_dw))
            check_loss(L, k, rows[0][2], learning_rate, HINT)
            # --8<-- [start:stop]
            gradient_size = max(abs(dL_db), abs(dL_dw))
            if k == 0:
                start_size = gradient_size
            if gradient_size <= tolerance * start_size:
                converged = True
                break
            # --8<-- [end:stop]
            if k < max_steps:
                b = b - learning_rate * dL_db
                w = w - learning_rate * dL_dw
        # --8<-- [end:update]

    b_path, w_path, losses, db_path, dw_path = (
        np.array(c) for c in zip(*rows, strict=True)
    )
    path = Path(
        b_path,
        w_path,
        db_path,
        dw_path,
        learning_rate * db_path,
        learning_rate * dw_path,
    )
    b, w = standardizer.to_original(b, w)
    return LineFit((float(b), float(w)), losses, converged, path, standardizer)
