"""The 1-20-1 ReLU network's fit to the bell data improving with training.

Full-batch gradient descent on ``handgrad.data.bell`` from
``Network.init([1, 20, 1], ["relu", "identity"], seed=1)``, learning rate
0.05. Left: the network's curve after 0, 100, 1,000 and 5,000 steps, over
the data; at step 0 every bias is zero, so the curve is two straight pieces
meeting at x = 0, one of which runs off the bottom of the plot. Right: the
mean squared error after each step (log scale), with the snapshots marked,
the best straight line's error (dashed) and the noise floor 0.05**2
(dotted), the error that even the true curve makes on average.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad import linear
from handgrad.data import bell
from handgrad.network import Network
from handgrad.training import train

LEARNING_RATE = 0.05
SNAPSHOTS = [0, 100, 1_000, 5_000]

X, Y = bell()
grid = np.linspace(-3.0, 3.0, 601)[:, None]
net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)

# Train in chunks between the snapshots: full-batch steps are deterministic,
# so 100 + 900 + 4,000 steps follow exactly the path of one 5,000-step run.
curves, losses, done = {}, [], 0
for t in SNAPSHOTS:
    if t > done:
        fit = train(net, X, Y, learning_rate=LEARNING_RATE, steps=t - done)
        losses.append(fit.loss[:-1])  # the last is the next chunk's first
        done = t
    curves[t] = net(grid)[:, 0]
losses.append([net.loss(X, Y)])
loss = np.concatenate(losses)  # loss[t]: the error after t steps, t = 0..5,000

b, w = linear.least_squares(X[:, 0], Y[:, 0])
line_loss = linear.line_mse(X[:, 0], Y[:, 0], b, w)

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained")
left.plot(X[:, 0], Y[:, 0], "o", color="C0", markersize=2.5, alpha=0.4, label="data")
for colour, t in zip(["C5", "C3", "C1", "C2"], SNAPSHOTS, strict=True):
    left.plot(
        grid[:, 0], curves[t], color=colour, linewidth=2.0, label=f"after {t:,} steps"
    )
left.set_xlabel("input $x$")
left.set_ylabel("output $\\hat y$")
left.set_ylim(-0.6, 1.6)
# The untrained curve runs off the bottom of the plot: say where it goes.
left.text(0.8, -0.5, f"step 0 goes on down,\nto {curves[0][-1]:.1f} at $x = 3$")
left.legend(loc="upper left", fontsize="small")

right.plot(np.arange(len(loss)), loss, color="C0", linewidth=1.8)
for colour, t in zip(["C5", "C3", "C1", "C2"], SNAPSHOTS, strict=True):
    right.plot([t], [loss[t]], "o", color=colour)
    last = t == SNAPSHOTS[-1]
    right.annotate(
        f"{loss[t]:.4f}",
        (t, loss[t]),
        textcoords="offset points",
        xytext=(-6 if last else 6, 6),
        ha="right" if last else "left",
    )
right.axhline(line_loss, linestyle="--", color="C1", linewidth=1.2)
right.annotate(
    f"best straight line {line_loss:.3f}",
    (SNAPSHOTS[-1], line_loss),
    textcoords="offset points",
    xytext=(0, 5),
    ha="right",
)
right.axhline(0.05**2, linestyle=":", color="C4", linewidth=1.2)
right.annotate(
    f"noise floor {0.05**2:.4f}",
    (0.0, 0.05**2),
    textcoords="offset points",
    xytext=(4, 4),
    ha="left",
)
right.set_yscale("log")
# Linear up to 1 step, logarithmic after: the first hundred steps get room.
right.set_xscale("symlog", linthresh=1.0)
right.set_xlim(0, 1.5 * SNAPSHOTS[-1])
right.set_xlabel("steps taken, $t$")
right.set_ylabel("mean squared error $C$ (log scale)")

if __name__ == "__main__":
    plt.show()
