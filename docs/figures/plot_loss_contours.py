"""Contours of the mean squared error over (intercept, slope), with descent paths.

Left: raw x (body mass, 50 to 70 kg). Gradient descent from (0.01, 0.01)
with learning rate 1e-4 climbs straight up in the slope into a long, thin
valley, and after 1000 steps has hardly moved along it towards the least-
squares line (the cross). The panel shows only slopes near the valley; the
path enters from its start far below.

Right: standardised x. The contours are circles, and descent with learning
rate 0.1 heads straight for the least-squares line, in standardised units.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.data import mass_height
from handgrad.descent import gradient_descent
from handgrad.linear import Standardizer, least_squares

x, y = mass_height()
m = len(x)


def mse_grid(xs, bs, ws):
    """The MSE at every (b, w) of a grid, in closed form from sums over xs."""
    b, w = np.meshgrid(bs, ws)
    s_x, s_xx, s_y, s_yy, s_xy = (
        xs.sum(),
        (xs**2).sum(),
        y.sum(),
        (y**2).sum(),
        (xs * y).sum(),
    )
    ssr = s_yy - 2 * b * s_y - 2 * w * s_xy + m * b**2 + 2 * b * w * s_x + w**2 * s_xx
    return b, w, ssr / m


fig, (raw_ax, std_ax) = plt.subplots(1, 2, figsize=(9.0, 3.8), layout="constrained")

# Raw x: the valley.
raw = gradient_descent(x, y, learning_rate=1e-4, start=(0.01, 0.01), loss="mse")
ls_b, ls_w = least_squares(x, y)
b, w, loss = mse_grid(x, np.linspace(-4.0, 2.0, 241), np.linspace(2.35, 2.65, 241))
levels = np.min(loss) + np.geomspace(0.02, 40.0, 8)
raw_ax.contour(b, w, loss, levels=levels, colors="C0", linewidths=0.9)
# A line through all 1001 points, dots on the first ten steps only: the
# rest pile up at the end.
raw_ax.plot(raw.path.intercept, raw.path.slope, "-", color="C1")
raw_ax.plot(raw.path.intercept[:11], raw.path.slope[:11], "o", color="C1", markersize=3)
raw_ax.plot([ls_b], [ls_w], "X", color="C2", markersize=9)
raw_ax.annotate(
    f"after {raw.steps} steps\n$b$ = {raw.intercept:.3f}",
    (raw.intercept, raw.slope),
    textcoords="offset points",
    xytext=(8, -34),
    color="C1",
)
raw_ax.annotate(
    f"least squares\n$b$ = {ls_b:.2f}",
    (ls_b, ls_w),
    textcoords="offset points",
    xytext=(-30, 22),
    color="C2",
)
raw_ax.annotate(
    "from the start,\n$w$ = 0.01, far below",
    (raw.path.intercept[0], 2.35),
    textcoords="offset points",
    xytext=(8, 6),
    color="C1",
)
raw_ax.set_xlim(-4.0, 2.0)
raw_ax.set_ylim(2.35, 2.65)
raw_ax.set_xlabel("intercept $b$ (cm)")
raw_ax.set_ylabel("slope $w$ (cm per kg)")
raw_ax.set_title("raw $x$, learning rate $10^{-4}$")

# Standardised x: circles.
scaler = Standardizer.from_data(x)
x_std = scaler.transform(x)
std = gradient_descent(
    x,
    y,
    learning_rate=0.1,
    start=(0.01, 0.01),
    loss="mse",
    standardize=True,
    tolerance=1e-9,
)
ls_bs, ls_ws = scaler.to_standard(ls_b, ls_w)
b, w, loss = mse_grid(
    x_std, np.linspace(-10.0, 170.0, 241), np.linspace(-30.0, 60.0, 241)
)
std_ax.contour(
    b,
    w,
    loss,
    levels=np.min(loss) + np.geomspace(5.0, 3e4, 10),
    colors="C0",
    linewidths=0.9,
)
shown = 15
std_ax.plot(
    std.path.intercept[:shown],
    std.path.slope[:shown],
    "-o",
    color="C1",
    markersize=3,
)
std_ax.plot([ls_bs], [ls_ws], "X", color="C2", markersize=9)
std_ax.annotate(
    f"{std.steps} steps to the cross",
    (std.path.intercept[3], std.path.slope[3]),
    textcoords="offset points",
    xytext=(0, -24),
    color="C1",
)
std_ax.set_xlim(-10.0, 170.0)
std_ax.set_ylim(-30.0, 60.0)
std_ax.set_aspect("equal")
std_ax.set_xlabel(r"intercept $\tilde b$ (standardised $x$)")
std_ax.set_ylabel(r"slope $\tilde w$")
std_ax.set_title("standardised $x$, learning rate 0.1")

if __name__ == "__main__":
    plt.show()
