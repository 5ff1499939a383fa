"""The bell data, the best straight line through it, and a trained network.

The 256 points of ``handgrad.data.bell`` (y = exp(-x**2) plus noise) with
the least-squares line, which is almost flat at the mean of y, and the
curve of the 1-20-1 ReLU network after 5,000 steps of gradient descent
(seed 1, learning rate 0.05). The legend gives each model's mean squared
error on the data.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad import linear
from handgrad.data import bell
from handgrad.network import Network
from handgrad.training import train

X, Y = bell()
x, y = X[:, 0], Y[:, 0]

b, w = linear.least_squares(x, y)
line_loss = linear.line_mse(x, y, b, w)

net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
train(net, X, Y, learning_rate=0.05, steps=5_000)
net_loss = net.loss(X, Y)

grid = np.linspace(-3.0, 3.0, 601)
fig, ax = plt.subplots(layout="constrained")
ax.plot(x, y, "o", color="C0", markersize=3, alpha=0.5, label="data")
ax.plot(
    grid,
    linear.predict(grid, b, w),
    color="C1",
    linewidth=2.2,
    label=f"best straight line, MSE {line_loss:.3f}",
)
ax.plot(
    grid,
    net(grid[:, None])[:, 0],
    color="C2",
    linewidth=2.2,
    label=f"1-20-1 ReLU network, MSE {net_loss:.4f}",
)
ax.set_xlabel("input $x$")
ax.set_ylabel("target $y$")
ax.set_ylim(-0.3, 1.5)
ax.legend(loc="upper right")

if __name__ == "__main__":
    plt.show()
