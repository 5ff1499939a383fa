"""How the scale of the starting weights carries through ten ReLU layers.

A network of ten ReLU layers of 100 units, fed 500 standard normal inputs.
Its weights are drawn with He's standard deviation sqrt(2 / n_in) (what
``Network.init`` does for ReLU), then multiplied by 0.5, 1 or 2. The figure
shows the standard deviation of each layer's activations A^[l], log scale:
half the scale shrinks them by about half per layer, twice the scale doubles
them, and He's scale keeps them near 1.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.network import Network, forward

DEPTH, WIDTH = 10, 100
inputs = np.random.default_rng(0).standard_normal((500, WIDTH))

fig, ax = plt.subplots(layout="constrained")
for scale, colour, style in ((2.0, "C1", "--"), (1.0, "C0", "-"), (0.5, "C2", ":")):
    net = Network.init([WIDTH] * (DEPTH + 1), ["relu"] * DEPTH, seed=0)
    net.W = [W * scale for W in net.W]
    _, A = forward(net, inputs)
    stds = [a.std() for a in A]
    label = "He's scale" if scale == 1.0 else rf"{scale:g} $\times$ He's scale"
    ax.semilogy(range(DEPTH + 1), stds, style, marker="o", color=colour, label=label)
ax.set_xlabel("layer $l$ (0 = the inputs)")
ax.set_ylabel("standard deviation of $A^{[l]}$")
ax.legend()

if __name__ == "__main__":
    plt.show()
