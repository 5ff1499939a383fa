"""Three ways to step downhill: gradient descent, momentum and Adam.

Each optimiser is its update formula. It is given the parameters ``theta``
(a list of arrays, such as ``[*net.W, *net.b]``) and their gradients
``dC_dtheta`` (a list of arrays of the same shapes), and returns the new
parameters, leaving the given arrays as they were. Momentum and Adam keep a
running average of past gradients between calls, one array per parameter:
use one optimiser object per training run.

- `SGD`: ``theta <- theta - learning_rate * g``.
- `Momentum`: ``v <- beta v + g``, then
  ``theta <- theta - learning_rate * v`` (as ``torch.optim.SGD`` with
  ``momentum=beta``).
- `Adam`: running means of ``g`` and ``g**2``, corrected for their
  start at 0, then a step of about ``learning_rate`` in every coordinate
  (as ``torch.optim.Adam``).

Here ``g`` is the gradient of the cost: of the whole batch for gradient
descent, or of a minibatch for stochastic gradient descent
(`handgrad.minibatch`). A step that would take a parameter to inf or
NaN raises `DivergenceError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from handgrad._arrays import all_finite, as_array
from handgrad._checks import checks
from handgrad._validate import positive_number, show
from handgrad.fit import check_step

__all__ = ["SGD", "Adam", "Momentum"]

Array = NDArray[np.float64]


def parameters(value: Any, name: str, checked: object = None) -> list[Array]:
    """The rule for ``theta``: a list of finite float64 arrays."""
    if isinstance(value, str | bytes | np.ndarray) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a list of arrays, got {show(value)}")
    if len(value) == 0:
        raise ValueError(f"{name} must hold at least one array, got none")
    return [as_array(v, f"{name}[{i}]") for i, v in enumerate(value)]


def gradients_like(value: Any, name: str, checked: dict[str, Any]) -> list[Array]:
    """The rule for ``dC_dtheta``: one finite array per parameter, of its shape."""
    theta = checked["theta"]
    arrays = parameters(value, name)
    if len(arrays) != len(theta):
        raise ValueError(
            f"{name} must hold one array per parameter ({len(theta)}), "
            f"got {len(arrays)}"
        )
    for i, (g, p) in enumerate(zip(arrays, theta, strict=True)):
        if g.shape != p.shape:
            raise ValueError(
                f"{name}[{i}] must have the shape of theta[{i}], {p.shape}, "
                f"got {g.shape}"
            )
    return arrays


def rate(value: Any, name: str, checked: object = None) -> float:
    """The rule for a coefficient that must lie in [0, 1), such as ``beta``."""
    number = positive_number(value, name) if value != 0 else 0.0
    if number >= 1:
        raise ValueError(f"{name} must be at least 0 and below 1, got {show(value)}")
    return number


def _finite(theta: list[Array], learning_rate: float) -> list[Array]:
    if not all_finite(*theta):
        check_step({"theta": theta}, learning_rate)
    return theta


class _State:
    """One array of zeros per parameter, made at the first step."""

    def _zeros(self, theta: list[Array], slot: list[Array] | None) -> list[Array]:
        if slot is None:
            return [np.zeros_like(p) for p in theta]
        if [s.shape for s in slot] != [p.shape for p in theta]:
            raise ValueError(
                f"theta must have the shapes this {type(self).__name__} started "
                f"with, {[s.shape for s in slot]}, got {[p.shape for p in theta]}: "
                "use a new optimiser for new parameters"
            )
        return slot


class SGD:
    """Gradient descent: every parameter moves ``-learning_rate`` times its gradient."""

    @checks(learning_rate=positive_number)
    def __init__(self, learning_rate: float) -> None:
        self.learning_rate = learning_rate

    @checks(theta=parameters, dC_dtheta=gradients_like)
    def step(self, theta: list[Array], dC_dtheta: list[Array]) -> list[Array]:
        """The new parameters: ``theta - learning_rate * dC_dtheta``, each array."""
        with np.errstate(over="ignore", invalid="ignore"):  # _finite says it
            # --8<-- [start:sgd]
            lr = self.learning_rate
            theta = [p - lr * g for p, g in zip(theta, dC_dtheta, strict=True)]
            # --8<-- [end:sgd]
        return _finite(theta, lr)


class Momentum(_State):
    """Gradient descent with momentum ``beta``: a velocity that remembers.

    ``velocity`` starts at zero; every step adds the gradient to ``beta``
    times the old velocity and moves the parameters against the velocity.
    """

    @checks(learning_rate=positive_number, beta=rate)
    def __init__(self, learning_rate: float, beta: float = 0.9) -> None:
        self.learning_rate, self.beta = learning_rate, beta
        self.velocity: list[Array] | None = None

    @checks(theta=parameters, dC_dtheta=gradients_like)
    def step(self, theta: list[Array], dC_dtheta: list[Array]) -> list[Array]:
        """The new parameters, after updating the velocity."""
        v = self._zeros(theta, self.velocity)
        with np.errstate(over="ignore", invalid="ignore"):  # _finite says it
            # --8<-- [start:momentum]
            lr, beta = self.learning_rate, self.beta
            v = [beta * v_i + g for v_i, g in zip(v, dC_dtheta, strict=True)]
            theta = [p - lr * v_i for p, v_i in zip(theta, v, strict=True)]
            # --8<-- [end:momentum]
        self.velocity = v
        return _finite(theta, lr)


class Adam(_State):
    """Adam: steps scaled by running averages of the gradient and its square.

    ``m`` and ``s`` (PyTorch calls them ``exp_avg`` and ``exp_avg_sq``)
    start at zero; ``t`` counts the steps taken.
    """

    @checks(learning_rate=positive_number, beta1=rate, beta2=rate, eps=positive_number)
    def __init__(
        self,
        learning_rate: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ) -> None:
        self.learning_rate, self.eps = learning_rate, eps
        self.beta1, self.beta2 = beta1, beta2
        self.m: list[Array] | None = None
        self.s: list[Array] | None = None
        self.t = 0

    @checks(theta=parameters, dC_dtheta=gradients_like)
    def step(self, theta: list[Array], dC_dtheta: list[Array]) -> list[Array]:
        """The new parameters, after updating both running averages."""
        m, s = self._zeros(theta, self.m), self._zeros(theta, self.s)
        t = self.t + 1
        with np.errstate(over="ignore", invalid="ignore"):  # _finite says it
            # --8<-- [start:adam]
            lr, beta1, beta2, eps = self.learning_rate, self.beta1, self.beta2, self.eps
            g = dC_dtheta
            m = [beta1 * m_i + (1 - beta1) * g_i for m_i, g_i in zip(m, g, strict=True)]
            s = [
                beta2 * s_i + (1 - beta2) * g_i**2
                for s_i, g_i in zip(s, g, strict=True)
            ]
            m_hat = [m_i / (1 - beta1**t) for m_i in m]  # m starts at 0: undo its pull
            s_hat = [s_i / (1 - beta2**t) for s_i in s]
            theta = [
                p - lr * m_i / (np.sqrt(s_i) + eps)
                for p, m_i, s_i in zip(theta, m_hat, s_hat, strict=True)
            ]
            # --8<-- [end:adam]
        self.m, self.s, self.t = m, s, t
        return _finite(theta, lr)
