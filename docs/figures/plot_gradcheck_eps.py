"""How the error of a finite difference depends on the step eps.

The slope of the sigmoid is estimated at 400 points z between 0.2 and 1
(seeded) by the one-sided difference (sigma(z + eps) - sigma(z)) / eps and by
the central difference (sigma(z + eps) - sigma(z - eps)) / (2 eps), in
float64, and by the central difference in float32. Each curve is the median,
over the points, of the relative error |n - a| / (|n| + |a|) against the
exact slope a = sigma(z) (1 - sigma(z)), for 49 values of eps from 1e-13 to
0.1 on a log-log scale. To the right of each minimum the truncation error
(of order eps for one-sided, eps**2 for central) dominates; to the left, the
rounding error of order u / eps, where u is the unit roundoff of the type.
The dot marks the best eps of each curve.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.activations import sigmoid, sigmoid_prime
from handgrad.gradcheck import EPS

EPS_GRID = np.logspace(-13, -1, 49)
rng = np.random.default_rng(0)
z64 = rng.uniform(0.2, 1.0, 400)
z32 = z64.astype(np.float32)
exact = sigmoid_prime(z64)


def median_error(estimate):
    n = np.asarray(estimate, dtype=np.float64)
    return float(np.median(np.abs(n - exact) / (np.abs(n) + np.abs(exact))))


curves = {
    "central, float64": [
        median_error((sigmoid(z64 + e) - sigmoid(z64 - e)) / (2 * e)) for e in EPS_GRID
    ],
    "one-sided, float64": [
        median_error((sigmoid(z64 + e) - sigmoid(z64)) / e) for e in EPS_GRID
    ],
    "central, float32": [
        median_error(
            (sigmoid(z32 + np.float32(e)) - sigmoid(z32 - np.float32(e)))
            / (2 * np.float32(e))
        )
        for e in EPS_GRID
    ],
}

fig, ax = plt.subplots(figsize=(6.4, 4.0), layout="constrained")
for colour, (label, errors) in zip(("C0", "C1", "C2"), curves.items(), strict=True):
    errors = np.array(errors)
    best = int(np.argmin(errors))
    ax.loglog(EPS_GRID, errors, color=colour, linewidth=1.8, label=label)
    ax.plot([EPS_GRID[best]], [errors[best]], "o", color=colour)
ax.axvline(EPS, color="C0", linewidth=0.8, linestyle="--")
ax.annotate(
    f"library's EPS = {EPS:g}",
    (EPS, 1e-13),
    textcoords="offset points",
    xytext=(4, 0),
    fontsize=9,
)
ax.annotate(
    "rounding error\ngrows as $\\varepsilon$ shrinks",
    (2e-13, 1e-2),
    ha="left",
    fontsize=9,
)
ax.annotate(
    "truncation error\nfalls as $\\varepsilon$ shrinks",
    (3e-3, 3e-12),
    ha="center",
    fontsize=9,
)
ax.set_xlabel(r"step $\varepsilon$")
ax.set_ylabel("relative error (median)")
ax.set_ylim(1e-14, 1.0)
ax.legend(loc="lower left")

if __name__ == "__main__":
    plt.show()
