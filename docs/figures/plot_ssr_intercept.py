"""The sum of squared residuals against the intercept b, slope held at 2.

The data are the 50 people of ``handgrad.data.mass_height``. With the slope
held at w = 2, the SSR is a parabola in b. Tangent lines at b = 0, 15, 45
and at the lowest point have the slopes dSSR/db that ``ssr_gradient``
returns: negative left of the minimum, zero at it, positive right of it.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.data import mass_height
from handgrad.linear import ssr, ssr_gradient

W_HELD = 2.0

x, y = mass_height()
b_best = float(np.mean(y - W_HELD * x))
b_grid = np.linspace(-5.0, 65.0, 281)
ssr_curve = np.array([ssr(x, y, b, W_HELD) for b in b_grid])

fig, ax = plt.subplots(layout="constrained")
ax.plot(b_grid, ssr_curve, color="C0", linewidth=2.2)

for b0 in (0.0, 15.0, b_best, 45.0):
    ssr0 = ssr(x, y, b0, W_HELD)
    slope = ssr_gradient(x, y, b0, W_HELD)[0]
    bs = np.array([b0 - 7.0, b0 + 7.0])
    ax.plot(bs, ssr0 + slope * (bs - b0), color="C1", linewidth=1.6)
    ax.plot([b0], [ssr0], "o", color="C1")
    # Label each tangent where the curve leaves room for it.
    side = "left" if b0 == 0.0 else "right" if slope < -1 else "left"
    offset = (10, 2) if b0 == 0.0 else (8 if side == "left" else -8, -16)
    if abs(slope) < 1:
        side, offset = "center", (0, -20)
    ax.annotate(
        f"slope {round(slope) + 0:,}",
        (b0, ssr0),
        textcoords="offset points",
        xytext=offset,
        ha=side,
    )

ax.set_xlabel("intercept $b$ (cm), slope held at $w = 2$")
ax.set_ylabel("SSR (cm²)")
ax.set_ylim(-4000.0, 62000.0)
ax.legend(handles=ax.lines[:2], labels=["SSR($b$)", "tangent"], loc="upper center")

if __name__ == "__main__":
    plt.show()
