"""A saturated sigmoid neuron: slow under the mean squared error, not cross-entropy.

One neuron, a = sigmoid(w x + b), with input x = 1 and target 0, starting
from w = b = 2 (output 0.98: confidently wrong). Left: the slope dC/dz that
gradient descent follows, against the output a, for the mean squared error
(2 (a - y) sigma'(z), which vanishes as a nears 1) and for cross-entropy
(a - y). Right: the output over 300 steps of gradient descent with learning
rate 0.15 under each cost.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.activations import sigmoid, sigmoid_prime
from handgrad.losses import mse_gradient
from handgrad.softmax import cross_entropy_gradient, one_hot

STEPS, LEARNING_RATE = 300, 0.15


def slope(z, cost):
    """dC/dz of the neuron with target 0, for one pre-activation z."""
    if cost == "mse":
        a = sigmoid(np.array([[z]]))
        return (mse_gradient(a, [[0.0]]) * sigmoid_prime(np.array([[z]]))).item()
    return cross_entropy_gradient([[0.0, z]], one_hot([0], 2))[0, 1]


def outputs(cost):
    w = b = 2.0
    found = []
    for _ in range(STEPS + 1):
        found.append(sigmoid(w + b).item())
        g = slope(w + b, cost)
        w, b = w - LEARNING_RATE * g, b - LEARNING_RATE * g
    return np.array(found)


fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
z = np.linspace(-4.0, 6.0, 201)
a = sigmoid(z)
left.plot(a, [slope(v, "mse") for v in z], color="C0", label="mean squared error")
left.plot(a, [slope(v, "ce") for v in z], "--", color="C1", label="cross-entropy")
left.axvline(sigmoid(4.0).item(), color="C5", linewidth=0.8)
left.annotate(
    "start", (sigmoid(4.0).item(), 0.5), xytext=(-34, 0), textcoords="offset points"
)
left.set_xlabel("output $a$ (target 0)")
left.set_ylabel(r"slope $\partial C / \partial z$")
left.legend(loc="upper left")
steps = np.arange(STEPS + 1)
right.plot(steps, outputs("mse"), color="C0", label="mean squared error")
right.plot(steps, outputs("ce"), "--", color="C1", label="cross-entropy")
right.set_xlabel("step")
right.set_ylabel("output $a$")
right.legend(loc="center right")

if __name__ == "__main__":
    plt.show()
