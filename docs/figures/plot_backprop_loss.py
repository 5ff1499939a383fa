"""The cost of the 2-2-1 network at each step of gradient descent.

``handgrad.two_two_one.train`` on the page's one example (inputs 0.5 and
0.1, target 1), from the seeded initial parameters, with learning rate 1 for
1000 steps; the curve runs from the start (t = 0) to after the last step.
The cost is drawn on a logarithmic axis: it falls fast at first, then ever
more slowly, because the sigmoid output can approach the target 1 but never
reach it.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.two_two_one import EXAMPLE_X, EXAMPLE_Y, forward, init_params, train

LEARNING_RATE = 1.0
STEPS = 1000

fit = train(
    init_params(), EXAMPLE_X, EXAMPLE_Y, learning_rate=LEARNING_RATE, steps=STEPS
)
costs = fit.loss  # costs[t] is the cost after t updates, t = 0, ..., STEPS
prediction = forward(fit.params, EXAMPLE_X).A2[0, 0]

fig, ax = plt.subplots(layout="constrained")
ax.plot(np.arange(STEPS + 1), costs, color="C0", linewidth=2.0)
ax.set_yscale("log")
ax.set_xlabel("steps taken, $t$")
ax.set_ylabel("cost $C$ (log scale)")
ax.annotate(
    f"start: $C$ = {costs[0]:.3f}",
    (0, costs[0]),
    textcoords="offset points",
    xytext=(12, -4),
    va="top",
)
ax.plot([STEPS], [costs[-1]], "o", color="C1")
ax.annotate(
    f"after {STEPS} steps: $C$ = {costs[-1]:.1e}\nprediction $A_2$ = {prediction:.3f}",
    (STEPS, costs[-1]),
    textcoords="offset points",
    xytext=(-8, 14),
    ha="right",
)

if __name__ == "__main__":
    plt.show()
