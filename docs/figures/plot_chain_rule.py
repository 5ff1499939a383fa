"""Shoe size against age, s(x) = sqrt(x**2 + 1/2), with its tangent lines.

The slope of each tangent comes from the chain rule, ``ds_dx`` in
``handgrad.chain_rule``: where the curve is flat (x = 0) the slope is 0, and
far from 0 it approaches 1 or -1.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.chain_rule import ds_dx, shoe_size_from_age

x = np.linspace(-3.0, 3.0, 301)
fig, ax = plt.subplots(layout="constrained")
ax.plot(x, shoe_size_from_age(x), color="C0", linewidth=2.2, label=r"$s(x)$")

for x0 in (-2.0, 0.0, 1.0):
    s0, slope = shoe_size_from_age(x0), ds_dx(x0)
    xs = np.array([x0 - 0.9, x0 + 0.9])
    ax.plot(xs, s0 + slope * (xs - x0), color="C1", linewidth=1.6)
    ax.plot([x0], [s0], "o", color="C1")
    ax.annotate(
        f"slope {slope:.2f}",
        (x0, s0),
        textcoords="offset points",
        xytext=(0, 12),
        ha="center",
    )

ax.set_xlabel("age, $x$")
ax.set_ylabel("shoe size, $s$")
ax.set_ylim(0.0, 3.5)
ax.legend(loc="lower right", handles=ax.lines[:2], labels=["$s(x)$", "tangent"])

if __name__ == "__main__":
    plt.show()
