"""Gradient descent on the intercept: its path on the SSR curve.

The slope is held at w = 2 and descent starts at b = 0 with learning rate
0.002 (``handgrad.descent.gradient_descent`` with ``fit="intercept"``). The
dots are the first ten points it visits; each step is 0.8 times the one
before, because the SSR's slope shrinks in proportion to the distance from
the lowest point.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.data import mass_height
from handgrad.descent import gradient_descent
from handgrad.linear import ssr

W_HELD = 2.0
SHOWN = 10

x, y = mass_height()
fit = gradient_descent(x, y, learning_rate=0.002, fit="intercept", fixed_slope=W_HELD)
b_path = fit.path.intercept[: SHOWN + 1]
ssr_path = fit.loss[: SHOWN + 1]

b_grid = np.linspace(-5.0, 65.0, 281)
fig, ax = plt.subplots(layout="constrained")
ax.plot(b_grid, [ssr(x, y, b, W_HELD) for b in b_grid], color="C0", linewidth=2.2)
for k in range(SHOWN):
    ax.annotate(
        "",
        xy=(b_path[k + 1], ssr_path[k + 1]),
        xytext=(b_path[k], ssr_path[k]),
        arrowprops={"arrowstyle": "->", "color": "C1", "linewidth": 1.4},
    )
ax.plot(b_path, ssr_path, "o", color="C1", markersize=5)
for k in (0, 1, 2, 3):
    ax.annotate(
        f"$t = {k}$",
        (b_path[k], ssr_path[k]),
        textcoords="offset points",
        xytext=(8, 4),
    )
ax.axvline(fit.intercept, color="C2", linestyle="--", linewidth=1.2)
ax.annotate(
    f"lowest point, $b$ = {fit.intercept:.2f}",
    (fit.intercept, 50000.0),
    textcoords="offset points",
    xytext=(6, 0),
    color="C2",
)

ax.set_xlabel("intercept $b$ (cm), slope held at $w = 2$")
ax.set_ylabel("SSR (cm²)")
ax.set_ylim(-2000.0, 62000.0)

if __name__ == "__main__":
    plt.show()
