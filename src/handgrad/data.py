"""The small, seeded data sets the pages use.

Every function takes a ``seed`` (0 unless given another, as everywhere in
the package) and draws from its own ``numpy.random.default_rng(seed)``, so
the same call gives the same numbers on every machine and nothing depends
on global random state.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from handgrad._checks import checks
from handgrad._validate import DEFAULT_SEED, count, non_negative_number, seed

__all__ = ["TRUE_INTERCEPT", "TRUE_SLOPE", "bell", "mass_height"]

# The straight line behind mass_height: height = 0.4 + 2.5 * mass.
TRUE_INTERCEPT = 0.4
TRUE_SLOPE = 2.5


@checks(n=count, noise=non_negative_number, seed=seed)
def mass_height(
    n: int = 50, *, noise: float = 5.0, seed: int = DEFAULT_SEED
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """People's body mass ``x`` (kg) and height ``y`` (cm): a noisy straight line.

    ``x`` is uniform between 50 and 70, and
    ``y = TRUE_INTERCEPT + TRUE_SLOPE * x + noise * standard normal``.
    Returns two arrays of shape ``(n,)``.

    The line's input lies far from 0 (50 to 70), which makes plain gradient
    descent crawl along the intercept: the pages use this to show why
    standardising ``x`` helps.
    """
    rng = np.random.default_rng(seed)
    x = rng.uniform(50.0, 70.0, size=n)
    y = TRUE_INTERCEPT + TRUE_SLOPE * x + noise * rng.standard_normal(n)
    return x, y


@checks(n=count, noise=non_negative_number, seed=seed)
def bell(
    n: int = 256, *, noise: float = 0.05, seed: int = DEFAULT_SEED
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Curved one-input data that no straight line fits: a noisy bell.

    ``x`` is uniform on [-3, 3] (sorted, for plotting) and
    ``y = exp(-x**2) + noise * standard normal``. Returns ``X`` and ``Y`` of
    shape ``(n, 1)``: samples are rows, as everywhere in the package.
    """
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-3.0, 3.0, size=n))
    y = np.exp(-(x**2)) + noise * rng.standard_normal(n)
    return x[:, None], y[:, None]
