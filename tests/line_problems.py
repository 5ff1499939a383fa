"""Random straight-line problems shared by the gradient-descent page tests."""

import numpy as np


def random_line_problems(count=20, seed=0):
    """``count`` random data sets and points ``(x, y, b, w)`` of 1 to 60 samples."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        m = int(rng.integers(1, 61))
        x = rng.uniform(-80.0, 80.0, m)
        y = rng.uniform(-200.0, 200.0, m)
        yield x, y, float(rng.uniform(-50, 50)), float(rng.uniform(-3, 3))
