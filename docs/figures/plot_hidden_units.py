"""The network's curve as a sum of bent lines: each hidden unit, scaled.

The 1-20-1 ReLU network trained on ``handgrad.data.bell`` (seed 1, learning
rate 0.05, 5,000 steps). Hidden unit k computes ReLU(x W1[0, k] + b1[k]):
zero on one side of its kink at x = -b1[k] / W1[0, k], a straight line on
the other. Left: one unit (of those with a negative output weight, the one
whose kink lies farthest from 0) -- its straight line z, the bent line
ReLU(z), and that bent line scaled, here flipped, by the unit's output
weight W2[k, 0]. Right: all 20 scaled bent lines (thin), with their kinks
marked along the bottom, the output bias b2 (dotted), and their sum plus
the bias (thick), which is the network's curve through the data.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.data import bell
from handgrad.network import Network
from handgrad.training import train

X, Y = bell()
net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
train(net, X, Y, learning_rate=0.05, steps=5_000)
w1, b1 = net.W[0][0], net.b[0]  # hidden weights and biases, one per unit
w2, b2 = net.W[1][:, 0], net.b[1][0]  # output weights and the output bias

x = np.linspace(-3.0, 3.0, 601)
z = np.outer(x, w1) + b1  # (601, 20): each unit's straight line
units = np.maximum(z, 0.0) * w2  # each bent line, scaled by its output weight
curve = units.sum(axis=1) + b2

fig, (left, right) = plt.subplots(
    1, 2, figsize=(10, 4.2), layout="constrained", width_ratios=[1, 1.5]
)

kinks = -b1 / w1
k = int(np.argmax(np.where(w2 < 0, np.abs(kinks), -np.inf)))
left.axhline(0.0, color="C5", linewidth=0.8, alpha=0.6)
left.plot(
    x,
    z[:, k],
    ":",
    color="C3",
    linewidth=1.8,
    label=f"$z = {w1[k]:.2f}x + {b1[k]:.2f}$",
)
left.plot(
    x, np.maximum(z[:, k], 0.0), "--", color="C1", linewidth=1.8, label="ReLU$(z)$"
)
left.plot(x, units[:, k], color="C1", linewidth=2.2, label=f"${w2[k]:.2f}\\,$ReLU$(z)$")
left.plot([kinks[k]], [0.0], "o", color="C1")
left.annotate(
    f"kink at $x = {kinks[k]:.2f}$",
    (kinks[k], 0.0),
    textcoords="offset points",
    xytext=(8, 8),
    ha="left",
)
left.set_title(f"one hidden unit (unit {k + 1} of 20)")
left.set_xlabel("input $x$")
left.legend(loc="upper right")

pieces = right.plot(x, units, color="C1", linewidth=0.9, alpha=0.7)
bias = right.axhline(b2, linestyle=":", color="C3", linewidth=1.6)
right.plot(X[:, 0], Y[:, 0], "o", color="C0", markersize=2.5, alpha=0.35)
(total,) = right.plot(x, curve, color="C2", linewidth=3.0)
bottom = units.min() - 0.3
(rug,) = right.plot(kinks, np.full_like(kinks, bottom), "|", color="C1", markersize=12)
right.set_title("all 20 units, and their sum plus the output bias")
right.set_xlabel("input $x$")
right.legend(
    [pieces[0], rug, bias, total],
    [
        "each unit's bent line, scaled",
        "the kinks",
        f"output bias {b2:.2f}",
        "sum + bias = the network",
    ],
    loc="upper left",
)

if __name__ == "__main__":
    plt.show()
