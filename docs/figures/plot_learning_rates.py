"""Three learning rates on one problem: too small, about right, too large.

The problem is that of "Gradient descent, one parameter": the SSR of the
mass/height data against the intercept b, with the slope held at 2, and
descent from b = 0. Each step multiplies the distance to the lowest point
by 1 - 2 m η (m = 50 people).

- η = 0.0002 (factor 0.98): eight steps barely leave the start.
- η = 0.005 (factor 0.5): each step halves the distance; eight steps reach
  the bottom.
- η = 0.025 (factor -1.5): each step jumps over the bottom to a point
  higher up the other side; four steps are shown.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.data import mass_height
from handgrad.descent import gradient_descent
from handgrad.linear import ssr

W_HELD = 2.0
RUNS = [(0.0002, 8, "too small"), (0.005, 8, "about right"), (0.025, 4, "too large")]

x, y = mass_height()
fig, axes = plt.subplots(1, 3, figsize=(10.0, 3.4), layout="constrained")
for ax, (learning_rate, shown, verdict) in zip(axes, RUNS, strict=True):
    # Few enough steps that even the diverging run has not raised yet.
    fit = gradient_descent(
        x,
        y,
        learning_rate=learning_rate,
        fit="intercept",
        fixed_slope=W_HELD,
        max_steps=shown,
    )
    # SSR in thousands of cm², so the axis needs no offset label.
    b_path, ssr_path = fit.path.intercept, fit.loss / 1000
    b_best = np.mean(y - W_HELD * x)
    half = max(35.0, 1.1 * np.max(np.abs(b_path - b_best)))
    b_grid = np.linspace(b_best - half, b_best + half, 301)
    ssr_grid = [ssr(x, y, b, W_HELD) / 1000 for b in b_grid]
    ax.plot(b_grid, ssr_grid, color="C0", linewidth=2)
    for k in range(len(b_path) - 1):
        ax.annotate(
            "",
            xy=(b_path[k + 1], ssr_path[k + 1]),
            xytext=(b_path[k], ssr_path[k]),
            arrowprops={"arrowstyle": "->", "color": "C1", "linewidth": 1.3},
        )
    ax.plot(b_path, ssr_path, "o", color="C1", markersize=4)
    ax.set_title(f"{verdict}: $\\eta$ = {learning_rate:g}")
    ax.set_xlabel("intercept $b$ (cm)")
    ax.set_ylim(0.0, 1.15 * max(ssr_path.max(), 60.0))
axes[0].set_ylabel("SSR (thousand cm²)")

if __name__ == "__main__":
    plt.show()
