"""What every training loop of the package returns, and the one way it fails.

Three loops train something by gradient descent:
`handgrad.descent.gradient_descent` (a straight line),
`handgrad.two_two_one.train` (the 2-2-1 network) and
`handgrad.training.train` (a network of any size). They share one contract:

- They return a `Fit`: the final parameters, the loss after
  0, 1, ..., ``steps`` updates, and whether the loop stopped because the
  gradient had become small (``converged``) or because it ran out of steps.
- They raise `DivergenceError` when the loss stops being a finite
  number, or grows a trillionfold, and a single update does when it would
  take a parameter to inf or NaN: the learning rate is too large.
- Their seed, where they draw one, defaults to 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

__all__ = ["GROWTH_LIMIT", "DivergenceError", "Fit", "check_loss", "check_step"]

P = TypeVar("P")

# Past this many times its starting value, the loss is taken to grow without bound.
GROWTH_LIMIT = 1e12


class DivergenceError(ValueError):
    """Gradient descent blew up: the learning rate is too large for the problem.

    ``learning_rate`` and ``step`` say where (``step`` is None for a single
    update); ``loss`` is the loss that gave it away (``inf``, ``nan`` or a
    trillion times the start), or None when a parameter left the floats.
    """

    def __init__(
        self,
        message: str,
        *,
        learning_rate: float,
        step: int | None = None,
        loss: float | None = None,
    ) -> None:
        self.learning_rate, self.step, self.loss = learning_rate, step, loss
        super().__init__(message)


def check_loss(
    loss: float, step: int, start_loss: float, learning_rate: float, hint: str = ""
) -> None:
    """Raise `DivergenceError` if ``loss`` is not finite or has blown up.

    Blown up means more than ``GROWTH_LIMIT`` times ``start_loss`` (a start
    at a loss of exactly 0 can only fail by leaving the finite numbers).
    ``hint`` ends the message with advice for this kind of problem.
    """
    grown = start_loss > 0 and loss > GROWTH_LIMIT * start_loss
    if not math.isfinite(loss) or grown:
        raise DivergenceError(
            f"gradient descent diverged at step {step} with "
            f"learning_rate={learning_rate:g}: the loss went from {start_loss:.6g} "
            f"to {loss:.6g}. Use a smaller learning_rate{hint}.",
            learning_rate=learning_rate,
            step=step,
            loss=loss,
        )


def check_step(new: dict[str, Any], learning_rate: float) -> None:
    """Raise `DivergenceError` if an updated parameter is not finite.

    ``new`` maps each parameter's name to its value after the update (an
    array, or a list of one array per layer), before the update is kept: a
    failed step leaves the parameters as they were.
    """
    for key, value in new.items():
        arrays = value if isinstance(value, list) else [value]
        for i, array in enumerate(arrays):
            name = f"{key}[{i}]" if isinstance(value, list) else key
            _check_finite(array, name, learning_rate)


def _check_finite(array: NDArray[np.floating], name: str, learning_rate: float) -> None:
    if not np.isfinite(array).all():
        raise DivergenceError(
            f"learning_rate={learning_rate:g} moves {name} out of the finite "
            f"{array.dtype} numbers (to inf or NaN): use a smaller learning_rate",
            learning_rate=learning_rate,
        )


@dataclass(frozen=True)
class Fit(Generic[P]):
    """The result of a training loop: where it ended, and the loss on the way.

    ``params`` holds the final parameters, of the loop's own kind: a line's
    ``(b, w)``, the 2-2-1 network's ``Params``, or the trained ``Network``.
    ``loss`` holds the loss after each update, shape ``(steps + 1,)``:
    ``loss[0]`` is the loss of the starting parameters and ``loss[-1]`` that
    of ``params``. ``converged`` is True if the loop stopped because the
    gradient had shrunk to its tolerance (the line's
    `gradient_descent`), False if it took every step
    it was allowed; the networks' loops take a fixed number of steps, so for
    them it is always False.

    ``history`` holds what a loop measured besides the loss, one array per
    name, as long as ``loss``: the minibatch loop of `handgrad.minibatch`
    records its training accuracy and its validation loss and accuracy
    there, per epoch. The other loops leave it empty.
    """

    params: P
    loss: NDArray[np.float64]
    converged: bool
    history: dict[str, NDArray[np.float64]] = field(default_factory=dict, kw_only=True)

    def __post_init__(self) -> None:
        loss = np.array(self.loss, dtype=np.float64)  # a copy, then frozen
        loss.flags.writeable = False
        object.__setattr__(self, "loss", loss)
        history = {}
        for name, values in self.history.items():
            history[name] = np.array(values, dtype=np.float64)
            history[name].flags.writeable = False
        object.__setattr__(self, "history", history)

    @property
    def steps(self) -> int:
        """How many updates were taken: ``len(loss) - 1`` (epochs, for minibatches)."""
        return len(self.loss) - 1
