"""Backpropagation through the 2-2-1 network, one step at a time.

The worked example of "Backpropagation by hand": the network of
``handgrad.two_two_one.init_params()`` on the sample EXAMPLE_X with target
EXAMPLE_Y. The reader steps through the forward pass (Z1, A1, Z2, A2, the
cost) and then the backward pass (the eight lines of ``backward``); each
step lights the units and weights it computes and shows its value,
formatted as the page's tables format it (docs/values/backprop-by-hand.py).
The page script (explorables.js) only looks these up.
"""

# The formulas are written as on the page, with Greek letters and maths signs.
# ruff: noqa: RUF001

import numpy as np

from handgrad.activations import sigmoid_prime
from handgrad.losses import mse_gradient
from handgrad.two_two_one import EXAMPLE_X, EXAMPLE_Y, backward, forward, init_params
from handgrad.two_two_one import loss as cost

X, Y = np.array(EXAMPLE_X), np.array(EXAMPLE_Y)
params = init_params()
cache = forward(params, X)
grads = backward(params, cache, Y)
# The gradients backward() keeps to itself, by the same lines.
dC_dA2 = mse_gradient(cache.A2, Y)
dC_dZ2 = dC_dA2 * sigmoid_prime(cache.Z2)
dC_dA1 = dC_dZ2 @ params.W2.T
dC_dZ1 = dC_dA1 * sigmoid_prime(cache.Z1)


def shown(value) -> str:
    """A value as the page's tables write it: (0.227, -0.426), three decimals."""
    rows = np.atleast_2d(value)
    inner = "; ".join(", ".join(f"{v:.3f}" for v in row) for row in rows)
    return f"({inner})"


HIDDEN, OUTPUT = ["h1", "h2"], ["o"]
INTO_HIDDEN = ["x1-h1", "x1-h2", "x2-h1", "x2-h2"]
INTO_OUTPUT = ["h1-o", "h2-o"]
# (direction, what it computes, its value, the units and weights it lights)
STEPS = [
    ("forward", "Z₁ = X W₁ + b₁", cache.Z1, HIDDEN, INTO_HIDDEN),
    ("forward", "A₁ = σ(Z₁)", cache.A1, HIDDEN, []),
    ("forward", "Z₂ = A₁ W₂ + b₂", cache.Z2, OUTPUT, INTO_OUTPUT),
    ("forward", "A₂ = σ(Z₂)", cache.A2, OUTPUT, []),
    ("forward", "C = mean((A₂ − Y)²)", cost(params, X, Y), ["C"], ["o-C"]),
    ("backward", "∂C/∂A₂ = 2 (A₂ − Y) / m", dC_dA2, OUTPUT, ["o-C"]),
    ("backward", "∂C/∂Z₂ = ∂C/∂A₂ ⊙ σ′(Z₂)", dC_dZ2, OUTPUT, []),
    ("backward", "∂C/∂W₂ = A₁ᵀ ∂C/∂Z₂", grads.dC_dW2, [], INTO_OUTPUT),
    ("backward", "∂C/∂b₂ = Σ rows of ∂C/∂Z₂", grads.dC_db2, OUTPUT, []),
    ("backward", "∂C/∂A₁ = ∂C/∂Z₂ W₂ᵀ", dC_dA1, HIDDEN, INTO_OUTPUT),
    ("backward", "∂C/∂Z₁ = ∂C/∂A₁ ⊙ σ′(Z₁)", dC_dZ1, HIDDEN, []),
    ("backward", "∂C/∂W₁ = Xᵀ ∂C/∂Z₁", grads.dC_dW1, [], INTO_HIDDEN),
    ("backward", "∂C/∂b₁ = Σ rows of ∂C/∂Z₁", grads.dC_db1, HIDDEN, []),
]

script = "explorables.js"
data = {
    "kind": "steps",
    "room": {"ratio": 0.5, "em": 8},
    "step": {"min": "1", "max": str(len(STEPS)), "step": "1", "value": "1"},
    # Each unit: its label and where it is drawn, in the drawing's units.
    "units": {
        "x1": ["x₁", 50, 60],
        "x2": ["x₂", 50, 180],
        "h1": ["h₁", 190, 60],
        "h2": ["h₂", 190, 180],
        "o": ["ŷ", 320, 120],
        "C": ["C", 430, 120],
    },
    "steps": [
        {
            "direction": direction,
            "formula": formula,
            "value": shown(value),
            "units": units,
            "links": links,
        }
        for direction, formula, value, units, links in STEPS
    ],
}
