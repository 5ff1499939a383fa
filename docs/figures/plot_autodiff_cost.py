"""The work of a gradient against the number of parameters, on log axes.

For 1-h-1 tanh networks from 61 to 100,000 parameters P, the work of one
gradient in units of one forward pass: central differences take 2P forward
passes; backpropagation takes one forward pass and one backward sweep,
(F + B) / F passes, where F and B are the operations of the forward pass and
the local slopes of the backward sweep, counted on the engine's graphs
(handgrad.autodiff). Counts, not timings: the figure is the same on every
build.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.network import Network
from handgrad.value_network import ValueNetwork


def counts(h):
    """(F, B) of the 1-h-1 tanh network's graph on one sample."""
    net = Network.init([1, h, 1], ["tanh", "identity"])
    C = ValueNetwork(net).loss([[0.5]], [[1.0]])
    operations = [v for v in C.topological_order() if v.inputs]
    return len(operations), sum(len(v.inputs) for v in operations)


# Counted on two graphs; F and B grow by the same amount per hidden unit.
(F20, B20), (F40, B40) = counts(20), counts(40)
h = np.unique(np.geomspace(20, 33_333, 25).astype(int))
P = 3 * h + 1
F = F20 + (F40 - F20) // 20 * (h - 20)
B = B20 + (B40 - B20) // 20 * (h - 20)
differences = 2 * P
backprop = (F + B) / F

fig, ax = plt.subplots(figsize=(6.4, 3.8), layout="constrained")
ax.loglog(
    P, differences, "o-", color="C1", markersize=3, label="central differences: $2P$"
)
ax.loglog(
    P,
    backprop,
    "o-",
    color="C0",
    markersize=3,
    label="backpropagation: one forward pass + one backward sweep",
)
ax.set_xlabel("parameters $P$ of a 1-$h$-1 network")
ax.set_ylabel("work, in forward passes")
ax.set_ylim(1, 1e6)
for i in (0, -1):
    ax.annotate(
        f"{differences[i]:,}",
        (P[i], differences[i]),
        textcoords="offset points",
        xytext=(0, 6),
        ha="center",
        va="bottom",
        color="C1",
        fontsize=9,
    )
    ax.annotate(
        f"{backprop[i]:.2f}",
        (P[i], backprop[i]),
        textcoords="offset points",
        xytext=(0, 6),
        ha="center",
        va="bottom",
        color="C0",
        fontsize=9,
    )
ax.legend(loc="upper left", fontsize=9)
ax.grid(True, which="major", alpha=0.3)

if __name__ == "__main__":
    plt.show()
