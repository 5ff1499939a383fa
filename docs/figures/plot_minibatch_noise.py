"""Minibatch gradients scatter around the full gradient, and the loss curve gets noisy.

The line b + w x on ``mass_height()`` with standardised x (50 samples).
Left: at (b, w) = (0, 0), the gradient of the mean squared error on the
whole batch (the cross) and 300 minibatch estimates, for minibatches of 5
and of 20 samples: they scatter around it, the smaller ones more widely.
Right: the loss on all 50 samples after each step, minus the least-squares
loss (log scale), for full-batch gradient descent and for minibatch SGD
with minibatches of 5 (10 steps an epoch), both with learning rate 0.1:
the first keeps falling, the second stalls in a noisy band.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.data import mass_height
from handgrad.linear import Standardizer, least_squares, line_mse, line_mse_gradient

x, y = mass_height()
x = Standardizer.from_data(x).transform(x)
m = len(x)
rng = np.random.default_rng(0)
DRAWS = 300  # minibatch estimates of each size

fig, (left, right) = plt.subplots(1, 2, figsize=(9.5, 3.8), layout="constrained")
for size, colour, marker in ((5, "C1", "."), (20, "C2", "+")):
    estimates = np.array(
        [
            line_mse_gradient(x[rows], y[rows], 0.0, 0.0)
            for rows in (rng.choice(m, size, replace=False) for _ in range(DRAWS))
        ]
    )
    left.plot(
        *estimates.T, marker, color=colour, alpha=0.5, label=f"minibatches of {size}"
    )
left.plot(
    *line_mse_gradient(x, y, 0.0, 0.0),
    "X",
    color="C0",
    markersize=10,
    label="whole batch",
)
left.set_xlabel(r"$\partial C / \partial b$")
left.set_ylabel(r"$\partial C / \partial w$")
left.legend(loc="upper left", fontsize=9)

LEARNING_RATE, EPOCHS, BATCH = 0.1, 6, 5
full, sgd = [(0.0, 0.0)], [(0.0, 0.0)]
for _ in range(EPOCHS * (m // BATCH)):
    b, w = full[-1]
    db, dw = line_mse_gradient(x, y, b, w)
    full.append((b - LEARNING_RATE * db, w - LEARNING_RATE * dw))
for _ in range(EPOCHS):
    for rows in np.split(rng.permutation(m), m // BATCH):
        b, w = sgd[-1]
        db, dw = line_mse_gradient(x[rows], y[rows], b, w)
        sgd.append((b - LEARNING_RATE * db, w - LEARNING_RATE * dw))
best = line_mse(x, y, *least_squares(x, y))
for path, colour, style, label in (
    (full, "C0", "-", "whole batch"),
    (sgd, "C1", "--", "minibatches of 5"),
):
    excess = [line_mse(x, y, b, w) - best for b, w in path]
    right.semilogy(excess, style, color=colour, label=label)
right.set_xlabel("step (10 steps = 1 epoch for the minibatches)")
right.set_ylabel("loss above the least-squares loss")
right.legend(loc="upper right", fontsize=9)

if __name__ == "__main__":
    plt.show()
