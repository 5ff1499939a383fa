"""A central difference that straddles ReLU's kink.

ReLU, max(0, z), has slope 0 left of z = 0 and slope 1 right of it. The
central difference at z = 0 joins the points at z - eps and z + eps; with
eps = 0.5 (exaggerated, so that the two points can be seen) its chord has
slope 1/2, a value the derivative never takes. Any central difference whose
two points lie either side of the kink, that is any z within eps of 0, gives
a slope strictly between 0 and 1.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.activations import relu

Z0, EPS_SHOWN = 0.0, 0.5

z = np.linspace(-1.2, 1.2, 241)
left, right = Z0 - EPS_SHOWN, Z0 + EPS_SHOWN
chord = float((relu(right) - relu(left)) / (right - left))

fig, ax = plt.subplots(layout="constrained")
ax.plot(z, relu(z), color="C0", linewidth=2.2, label=r"$\mathrm{ReLU}(z)$")
ax.plot(
    [left, right],
    [relu(left), relu(right)],
    "o-",
    color="C1",
    linewidth=1.6,
    label=f"central difference: slope {chord:g}",
)
ax.annotate(
    r"$z - \varepsilon$",
    (left, relu(left)),
    textcoords="offset points",
    xytext=(0, 8),
    ha="center",
)
ax.annotate(
    r"$z + \varepsilon$",
    (right, relu(right)),
    textcoords="offset points",
    xytext=(-6, 8),
    ha="right",
)
ax.annotate("slope 0", (-0.9, 0.0), textcoords="offset points", xytext=(0, 6))
ax.annotate("slope 1", (0.95, 0.95), textcoords="offset points", xytext=(-50, 0))
ax.set_xlabel("$z$")
ax.set_ylabel(r"$\mathrm{ReLU}(z)$")
ax.legend(loc="upper left")

if __name__ == "__main__":
    plt.show()
