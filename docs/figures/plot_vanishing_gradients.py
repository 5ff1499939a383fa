"""The size of the gradient in each layer of a deep sigmoid and a deep ReLU network.

Two networks of eight hidden layers of 32 units on the digits (64 inputs, 10
scores), one with sigmoid hidden units (LeCun's starting scale), one with
ReLU (He's), both from seed 0, before any training. For each layer, the
root mean square of dC/dW^[l] on 200 training digits, softmax with
cross-entropy, on a log scale: the sigmoid network's gradient shrinks by a
factor of several at every layer back from the output; the ReLU network's
stays about the same size.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.digits import load_digits
from handgrad.minibatch import classifier_gradients
from handgrad.network import Network
from handgrad.softmax import one_hot

HIDDEN = 8
data = load_digits()
X, Y = data.X_train[:200], one_hot(data.y_train[:200], 10)

fig, ax = plt.subplots(layout="constrained")
for name, colour, style in (("relu", "C0", "-"), ("sigmoid", "C1", "--")):
    sizes = [64] + [32] * HIDDEN + [10]
    net = Network.init(sizes, [name] * HIDDEN + ["identity"], seed=0)
    dC_dW, _ = classifier_gradients(net, X, Y)
    size = [np.sqrt(np.mean(g**2)) for g in dC_dW]
    label = "ReLU" if name == "relu" else "sigmoid"
    ax.semilogy(
        range(1, len(size) + 1), size, style, marker="o", color=colour, label=label
    )
ax.set_xlabel("layer $l$ (1 = first hidden layer, 9 = output)")
ax.set_ylabel(r"RMS of $\partial C / \partial W^{[l]}$")
ax.legend()

if __name__ == "__main__":
    plt.show()
