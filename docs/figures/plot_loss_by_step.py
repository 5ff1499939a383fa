"""The loss and the intercept against the step, for raw and standardised x.

Both runs descend on the mean squared error of the mass/height data from
(b, w) = (0.01, 0.01): on raw x with learning rate 1e-4 (1000 steps), and on
standardised x with learning rate 0.1 until the steps are below 1e-9.

Left: how far the MSE is above its least-squares minimum (log scale). The
raw run drops fast for ten steps, then stalls; the standardised run keeps
falling by the same factor every step until it stops.

Right: the intercept in centimetres (the standardised run mapped back to
the units of x). The raw run's intercept hardly leaves its start; the
standardised run's reaches the least-squares intercept.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.data import mass_height
from handgrad.descent import gradient_descent
from handgrad.linear import least_squares, line_mse

x, y = mass_height()
ls_b, ls_w = least_squares(x, y)
ls_mse = line_mse(x, y, ls_b, ls_w)

raw = gradient_descent(x, y, learning_rate=1e-4, start=(0.01, 0.01), loss="mse")
std = gradient_descent(
    x,
    y,
    learning_rate=0.1,
    start=(0.01, 0.01),
    loss="mse",
    standardize=True,
    tolerance=1e-9,
)
# The standardised run's MSE is the same number in either units; its
# intercept is mapped back to centimetres.
std_b, _ = std.standardizer.to_original(std.path.intercept, std.path.slope)

fig, (loss_ax, b_ax) = plt.subplots(1, 2, figsize=(9.0, 3.6), layout="constrained")
for fit, label, colour in [(raw, "raw $x$", "C1"), (std, "standardised $x$", "C0")]:
    steps = np.arange(fit.steps + 1)
    excess = fit.loss - ls_mse
    # Below about 1e-12 the difference is rounding error in the MSE (~1e-15).
    excess[excess < 1e-12] = np.nan
    loss_ax.semilogy(steps, excess, color=colour, linewidth=1.8, label=label)
loss_ax.set_xlabel("step $t$")
loss_ax.set_ylabel("MSE above its minimum (cm²)")
loss_ax.set_ylim(1e-12, 1e5)
loss_ax.legend(loc="center right")

b_ax.plot(np.arange(raw.steps + 1), raw.path.intercept, color="C1", linewidth=1.8)
b_ax.plot(np.arange(std.steps + 1), std_b, color="C0", linewidth=1.8)
b_ax.axhline(ls_b, color="C2", linestyle="--", linewidth=1.2)
b_ax.annotate(
    f"least squares, $b$ = {ls_b:.2f}",
    (raw.steps, ls_b),
    textcoords="offset points",
    xytext=(0, -16),
    ha="right",
    color="C2",
)
b_ax.set_xlabel("step $t$")
b_ax.set_ylabel("intercept $b$ (cm)")
b_ax.set_ylim(-2.8, 0.6)

if __name__ == "__main__":
    plt.show()
