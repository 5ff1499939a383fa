"""Numbers quoted on the page "Classification", by handgrad.

A softmax worked example, a gradient check of dC/dZ = (A - Y) / m, and the
slowdown of a saturated sigmoid neuron: one input x = 1, target 0, weight
and bias 2, trained by gradient descent on the mean squared error and on the
cross-entropy (the same neuron as two-class softmax scores (0, z)).
"""

import numpy as np

from handgrad.activations import sigmoid, sigmoid_prime
from handgrad.gradcheck import numerical_gradient, relative_error
from handgrad.losses import mse_gradient
from handgrad.softmax import cross_entropy, cross_entropy_gradient, one_hot, softmax

# --- Softmax of one row of scores -------------------------------------------
_Z = np.array([[2.0, 1.0, 0.1]])
z1, z2, z3 = _Z[0]
a1, a2, a3 = softmax(_Z)[0]
loss_right = cross_entropy(_Z, one_hot([0], 3))  # the top score is the true class
loss_wrong = cross_entropy(_Z, one_hot([2], 3))  # the lowest score is

# --- The gradient (A - Y) / m against central differences --------------------
_rng = np.random.default_rng(0)
_Zc = _rng.standard_normal((4, 3))
_Yc = one_hot([0, 2, 1, 2], 3)
gradient_error = relative_error(
    cross_entropy_gradient(_Zc, _Yc),
    numerical_gradient(lambda: cross_entropy(_Zc, _Yc), _Zc),
)

# --- A saturated sigmoid neuron: MSE against cross-entropy -------------------
LEARNING_RATE = 0.15
STEPS = 300
x_in, target, w_start, b_start = 1.0, 0.0, 2.0, 2.0
learning_rate = LEARNING_RATE
steps = STEPS


def neuron_outputs(cost):
    """The neuron's output a = sigma(w x + b) after 0, 1, ..., STEPS steps."""
    w, b, outputs = w_start, b_start, []
    for _ in range(STEPS + 1):
        z = np.array([[w * x_in + b]])
        a = sigmoid(z)
        outputs.append(a.item())
        if cost == "mse":
            dC_dz = (mse_gradient(a, [[target]]) * sigmoid_prime(z)).item()
        else:  # two-class softmax with scores (0, z): its probability of class 1 is a
            scores = np.array([[0.0, z.item()]])
            dC_dz = cross_entropy_gradient(scores, one_hot([int(target)], 2))[0, 1]
        w, b = w - LEARNING_RATE * dC_dz * x_in, b - LEARNING_RATE * dC_dz
    return np.array(outputs)


_mse, _ce = neuron_outputs("mse"), neuron_outputs("ce")
a_start = _mse[0]
slope_mse = 2 * (a_start - target) * a_start * (1 - a_start)
slope_ce = a_start - target
steps_early = 50
mse_after_50 = _mse[steps_early]
ce_after_50 = _ce[steps_early]
mse_steps_to_half = int(np.argmax(_mse < 0.5))
mse_steps_above_09 = int(np.argmax(_mse < 0.9))
ce_steps_to_half = int(np.argmax(_ce < 0.5))
