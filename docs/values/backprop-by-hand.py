"""Numbers quoted on the page "Backpropagation by hand", computed by handgrad.

The 2-2-1 sigmoid network from ``init_params()`` (seed 0) on the example
input (0.5, 0.1) with target 1: its forward pass, its gradients, one step of
gradient descent, training, and the gradient check.
"""

import numpy as np

from handgrad.activations import sigmoid_prime
from handgrad.gradcheck import check_gradient
from handgrad.losses import mse_gradient
from handgrad.two_two_one import (
    EXAMPLE_X,
    EXAMPLE_Y,
    backward,
    forward,
    init_params,
    loss,
    train,
    update,
)

learning_rate = 1.0
steps = 1000

_X, _Y = np.array(EXAMPLE_X), np.array(EXAMPLE_Y)
# The example: inputs x1, x2 and target y.
x1, x2 = (float(v) for v in _X[0])
y = float(_Y[0, 0])
_params = init_params()
_cache = forward(_params, _X)
_grads = backward(_params, _cache, _Y)


def _tex(x, digits=1):
    """``x`` in scientific notation for TeX: 2.3 \\times 10^{-4}."""
    mantissa, exponent = f"{x:.{digits}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def _row(values, spec=".3f"):
    """A row vector or matrix in TeX, e.g. (0.227  -0.426)."""
    rows = np.atleast_2d(values)
    body = r" \\ ".join(" & ".join(format(v, spec) for v in row) for row in rows)
    return r"\begin{pmatrix} " + body + r" \end{pmatrix}"


# The initial parameters, as TeX matrices (the biases start at zero).
W1_tex = _row(_params.W1)
W2_tex = _row(_params.W2)
b1_tex = _row(_params.b1, "g")
b2_tex = _row(_params.b2, "g")

# The forward pass on the example, one row per step.
forward_table = "\n".join(
    [
        "| Step | Value |",
        "| --- | --- |",
        f"| $Z_1 = X W_1 + b_1$ | ${_row(_cache.Z1)}$ |",
        rf"| $A_1 = \sigma(Z_1)$ | ${_row(_cache.A1)}$ |",
        f"| $Z_2 = A_1 W_2 + b_2$ | ${_row(_cache.Z2)}$ |",
        rf"| $A_2 = \sigma(Z_2)$ | ${_row(_cache.A2)}$ |",
    ]
)
prediction_before = float(_cache.A2[0, 0])
cost_before = loss(_params, _X, _Y)

# The backward pass on the example, in the order the code computes it: the
# gradients backward() keeps to itself, computed by the same lines.
_grad = {"A2": mse_gradient(_cache.A2, _Y)}
_grad["Z2"] = _grad["A2"] * sigmoid_prime(_cache.Z2)
_grad["A1"] = _grad["Z2"] @ _params.W2.T
_grad["Z1"] = _grad["A1"] * sigmoid_prime(_cache.Z1)
_frac = r"\frac{\partial C}{\partial %s}"


def _shape(array):
    """The shape as Python prints it, in TeX: (1, 2) or (2,)."""
    return "$" + str(array.shape) + "$"


backward_table = "\n".join(
    [
        "| Gradient | Value | Shape |",
        "| --- | --- | --- |",
        *(
            f"| ${_frac % name}$ | ${_row(value)}$ | {_shape(value)} |"
            for name, value in [
                ("A_2", _grad["A2"]),
                ("Z_2", _grad["Z2"]),
                ("W_2", _grads.dC_dW2),
                ("b_2", _grads.dC_db2),
                ("A_1", _grad["A1"]),
                ("Z_1", _grad["Z1"]),
                ("W_1", _grads.dC_dW1),
                ("b_1", _grads.dC_db1),
            ]
        ),
    ]
)
# dC/dA2 on the example, quoted in the prose.
grad_a2 = float(_grad["A2"][0, 0])

# One step of gradient descent.
_after = update(_params, _grads, learning_rate)
cost_after = loss(_after, _X, _Y)
prediction_after = float(forward(_after, _X).A2[0, 0])

# Training: steps steps from the same start.
_fit = train(_params, _X, _Y, learning_rate=learning_rate, steps=steps)
_trained, _losses = _fit.params, _fit.loss  # _losses[t]: the cost after t steps
cost_final = float(_losses[-1])
cost_final_tex = _tex(cost_final)
prediction_final = float(forward(_trained, _X).A2[0, 0])
steps_shown = 100  # the step count whose cost the page quotes
cost_after_100 = float(_losses[steps_shown])
# The first step count after which the cost is below cost_target.
cost_target = 1e-3
steps_to_1e_3 = int(np.argmax(_losses < cost_target))

# The gradient check of all four gradients on the example.
_errors = {
    name: check_gradient(
        lambda: loss(_params, _X, _Y),
        getattr(_params, name),
        getattr(_grads, f"dC_d{name}"),
    )
    for name in ("W1", "b1", "W2", "b2")
}
gradcheck_table = "\n".join(
    [
        "| Parameter | Relative error |",
        "| --- | --- |",
        *(
            f"| ${name[0]}_{name[1]}$ | ${_tex(error)}$ |"
            for name, error in _errors.items()
        ),
    ]
)
gradcheck_worst = max(_errors.values())

# --- One weight, (W1)11, followed by hand: a product of local slopes --------
_m = len(_X)
path_dC_dA2 = float(2 * (_cache.A2[0, 0] - _Y[0, 0]) / _m)
path_sigma_prime_Z2 = float(sigmoid_prime(_cache.Z2[0, 0]))
path_W2_11 = float(_params.W2[0, 0])
path_sigma_prime_Z1_11 = float(sigmoid_prime(_cache.Z1[0, 0]))
path_x1 = x1
path_dC_dW1_11 = (
    path_dC_dA2 * path_sigma_prime_Z2 * path_W2_11 * path_sigma_prime_Z1_11 * path_x1
)
assert np.isclose(path_dC_dW1_11, _grads.dC_dW1[0, 0], rtol=1e-12, atol=0)
# Exercise 4: the weight (W1)21 on the same path, but multiplying x2.
path_dC_dW1_21 = path_dC_dW1_11 * x2 / x1
assert np.isclose(path_dC_dW1_21, _grads.dC_dW1[1, 0], rtol=1e-12, atol=0)


# --- The network figure's alt text: the numbers it labels, as the tables --
def _listed(values):
    """The entries of ``values``, row by row, three decimals each: "0.127, -0.056"."""
    return ", ".join(f"{v:.3f}" for v in np.ravel(values))


figure_W1 = _listed(_params.W1)
figure_W2 = _listed(_params.W2)
figure_Z1 = _listed(_cache.Z1)
figure_A1 = _listed(_cache.A1)
figure_Z2 = float(_cache.Z2[0, 0])
figure_dC_dW1 = _listed(_grads.dC_dW1)
figure_dC_dW2 = _listed(_grads.dC_dW2)
figure_dC_dZ1 = _listed(_grad["Z1"])
figure_dC_dZ2 = float(_grad["Z2"][0, 0])
