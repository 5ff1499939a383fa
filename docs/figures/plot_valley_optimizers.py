"""Gradient descent, momentum and Adam in the long valley of raw x.

The mean squared error of the line b + w x on ``mass_height()`` with raw x
(50 to 70 kg), as on the page "Gradient descent, two parameters". From
(b, w) = (0.01, 0.01), 1000 steps each of gradient descent (learning rate
2.5e-4), momentum (the same learning rate, beta = 0.95) and Adam (learning
rate 1). Left: their paths on the contours, near the valley's floor (the
start lies far below). Right: the
loss after each step, log scale, with the least-squares loss dotted.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.data import mass_height
from handgrad.linear import least_squares, line_mse, line_mse_gradient
from handgrad.optim import SGD, Adam, Momentum

x, y = mass_height()
STEPS = 1000
GD_RATE, BETA, ADAM_RATE = 2.5e-4, 0.95, 1.0
START_B, START_W = 0.01, 0.01


def run(optimizer):
    """The path (b, w) and the loss after 0, 1, ..., STEPS steps."""
    theta = [np.array([START_B, START_W])]
    path = [theta[0]]
    for _ in range(STEPS):
        gradient = np.array(line_mse_gradient(x, y, *theta[0]))
        theta = optimizer.step(theta, [gradient])
        path.append(theta[0])
    path = np.array(path)
    return path, np.array([line_mse(x, y, b, w) for b, w in path])


runs = {
    "gradient descent": run(SGD(GD_RATE)),
    rf"momentum, $\beta = {BETA:g}$": run(Momentum(GD_RATE, beta=BETA)),
    "Adam": run(Adam(ADAM_RATE)),
}
ls_b, ls_w = least_squares(x, y)

bs, ws = np.linspace(-8.5, 1.5, 241), np.linspace(2.45, 2.7, 241)
B, W = np.meshgrid(bs, ws)
loss = np.mean((y[:, None, None] - B - W * x[:, None, None]) ** 2, axis=0)

fig, (left, right) = plt.subplots(1, 2, figsize=(9.5, 3.8), layout="constrained")
left.contour(
    B,
    W,
    loss,
    levels=line_mse(x, y, ls_b, ls_w) + np.geomspace(0.05, 60, 9),
    colors="C5",
    linewidths=0.7,
)
styles = ["-", "--", ":"]
for (label, (path, _)), colour, style in zip(
    runs.items(), ["C0", "C1", "C2"], styles, strict=True
):
    left.plot(path[:, 0], path[:, 1], style, color=colour, linewidth=1.6, label=label)
    left.plot(*path[-1], "o", color=colour)
left.plot([ls_b], [ls_w], "X", color="C3", markersize=9, label="least squares")
left.set_xlim(bs[0], bs[-1])
left.set_ylim(ws[0], ws[-1])
left.set_xlabel("intercept $b$ (cm)")
left.set_ylabel("slope $w$ (cm per kg)")

steps = np.arange(STEPS + 1)
for (label, (_, losses)), colour, style in zip(
    runs.items(), ["C0", "C1", "C2"], styles, strict=True
):
    right.semilogy(steps, losses, style, color=colour, label=label)
right.axhline(
    line_mse(x, y, ls_b, ls_w), linestyle=":", color="C3", label="least squares"
)
right.set_ylim(20, 1e4)
right.set_xlabel("step")
right.set_ylabel("mean squared error")
right.legend(loc="upper right", fontsize=9)

if __name__ == "__main__":
    plt.show()
