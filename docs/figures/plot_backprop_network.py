"""The 2-2-1 sigmoid network of the page "Backpropagation by hand", with its numbers.

Two panels of the same network: two inputs on the left (the example's 0.5
and 0.1, from ``handgrad.two_two_one.EXAMPLE_X``), two hidden sigmoid
units, one sigmoid output compared with the target. Each arrow is one
weight.

- Forward (top): each arrow carries its weight; each hidden unit shows its
  ``Z`` and ``A``; beside the output, ``Z2``, the prediction ``A2``, the
  target ``Y`` and the cost ``C``.
- Backward (below): each arrow carries the gradient ``dC/dW`` of its weight;
  each unit shows ``dC/dZ``, and the output ``dC/dA2`` too. The thick
  arrows are the one path by which ``(W1)11`` reaches the cost; under the
  panel, the five local slopes along it, whose product is ``dC/d(W1)11``.

Every number comes from ``handgrad.two_two_one`` (seed 0), as on the page's
tables: three decimals, and four for the path as the page traces it. The
figure is narrow and tall so that its smallest text, 11 pt, is still 11 px
or more on a 375 px phone (see ``PHONE_TEXT_PX`` in tools/figures.py).
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.activations import sigmoid_prime
from handgrad.losses import mse_gradient
from handgrad.two_two_one import (
    EXAMPLE_X,
    EXAMPLE_Y,
    backward,
    forward,
    init_params,
    loss,
)

X, Y = np.array(EXAMPLE_X), np.array(EXAMPLE_Y)
params = init_params()
cache = forward(params, X)
grads = backward(params, cache, Y)
cost = loss(params, X, Y)
dC_dA2 = mse_gradient(cache.A2, Y)
dC_dZ2 = dC_dA2 * sigmoid_prime(cache.Z2)
dC_dZ1 = dC_dZ2 @ params.W2.T * sigmoid_prime(cache.Z1)
# The path of (W1)11: the five local slopes the page multiplies.
PATH = [
    (r"\partial C/\partial A_2", dC_dA2[0, 0]),
    (r"\sigma'(Z_2)", sigmoid_prime(cache.Z2[0, 0])),
    (r"(W_2)_{11}", params.W2[0, 0]),
    (r"\sigma'((Z_1)_{11})", sigmoid_prime(cache.Z1[0, 0])),
    (r"x_1", X[0, 0]),
]
path_product = np.prod([slope for _, slope in PATH])

# Data coordinates are inches (the axes fill the figure), so sizes read as
# they print: 11 pt text is about 0.15 in tall.
WIDTH, HEIGHT = 4.6, 8.3
INPUT_X, HIDDEN_X, OUTPUT_X = 0.35, 1.85, 3.0
SPREAD = 0.85  # each unit of a layer of two sits this far above or below the middle
RADIUS = 0.2
SIZE = 11  # points: every text of the figure
FORWARD_Y, BACKWARD_Y = 6.25, 2.6  # the middle of each panel

fig = plt.figure(figsize=(WIDTH, HEIGHT))
ax = fig.add_axes((0, 0, 1, 1))
ax.set_xlim(0, WIDTH)
ax.set_ylim(0, HEIGHT)
ax.set_aspect("equal")
ax.axis("off")


def num(value, digits=3):
    """``value`` with ``digits`` decimals (mathtext writes a true minus)."""
    return f"{value:.{digits}f}"


def text(x, y, s, **kwargs):
    ax.text(x, y, s, fontsize=SIZE, **kwargs)


def unit(x, y, label, colour):
    ax.add_patch(
        plt.Circle((x, y), RADIUS, facecolor="none", edgecolor=colour, linewidth=1.6)
    )
    text(x, y, label, ha="center", va="center")


def arrow(start, end, colour, width=1.1, backwards=False):
    (x0, y0), (x1, y1) = start, end
    length = np.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    tail = (x0 + ux * RADIUS * 1.1, y0 + uy * RADIUS * 1.1)
    head = (x1 - ux * RADIUS * 1.1, y1 - uy * RADIUS * 1.1)
    if backwards:
        tail, head = head, tail
    ax.annotate(
        "",
        xy=head,
        xytext=tail,
        arrowprops={"arrowstyle": "->", "color": colour, "linewidth": width},
    )


def panel(middle, title, weights, hidden_labels, output_labels, colour, path):
    """One drawing of the network: ``weights`` label its arrows, indexed
    ``[layer][j, k]``; ``path`` draws the arrows of (W1)11's path thick."""
    inputs = [(INPUT_X, middle + SPREAD), (INPUT_X, middle - SPREAD)]
    hidden = [(HIDDEN_X, middle + SPREAD), (HIDDEN_X, middle - SPREAD)]
    output = (OUTPUT_X, middle)
    text(0.05, middle + SPREAD + 0.9, title, ha="left", va="center", weight="bold")
    for j, (x, y) in enumerate(inputs):
        unit(x, y, f"$x_{j + 1}$", "C0")
        above = j == 0
        text(
            x,
            y + (0.3 if above else -0.3),
            f"${num(X[0, j], 1)}$",
            ha="center",
            va="bottom" if above else "top",
        )
    for k, (x, y) in enumerate(hidden):
        unit(x, y, r"$\sigma$", "C1")
        above = k == 0
        text(
            x,
            y + (0.28 if above else -0.28),
            hidden_labels[k],
            ha="center",
            va="bottom" if above else "top",
            linespacing=1.3,
        )
    unit(*output, r"$\sigma$", "C2")
    text(
        OUTPUT_X + RADIUS + 0.12,
        middle,
        output_labels,
        ha="left",
        va="center",
        linespacing=1.3,
    )
    for j, start in enumerate(inputs):
        for k, end in enumerate(hidden):
            thick = path and j == 0 and k == 0
            arrow(start, end, colour, 2.6 if thick else 1.1, backwards=path)
            label = f"${num(weights[0][j, k])}$"
            if j == k:  # the straight arrows: the label above or below it
                y = start[1] + (0.07 if j == 0 else -0.07)
                text(0.98, y, label, ha="center", va="bottom" if j == 0 else "top")
            else:  # the crossing arrows: the label beside its start
                y = middle + (0.42 if j == 0 else -0.42)
                text(0.83, y, label, ha="left", va="center")
    for k, start in enumerate(hidden):
        thick = path and k == 0
        arrow(start, output, colour, 2.6 if thick else 1.1, backwards=path)
        x = (HIDDEN_X + OUTPUT_X) / 2 + 0.08
        y = middle + (SPREAD / 2 + 0.05 if k == 0 else -SPREAD / 2 - 0.05)
        label = f"${num(weights[1][k, 0])}$"
        text(x, y, label, ha="left", va="bottom" if k == 0 else "top")


panel(
    FORWARD_Y,
    "Forward: the weight on each arrow",
    [params.W1, params.W2],
    [
        rf"$(Z_1)_{{1{k + 1}}} = {num(cache.Z1[0, k])}$"
        "\n"
        rf"$(A_1)_{{1{k + 1}}} = {num(cache.A1[0, k])}$"
        for k in range(2)
    ],
    "\n".join(
        [
            rf"$Z_2 = {num(cache.Z2[0, 0])}$",
            rf"$A_2 = {num(cache.A2[0, 0])}$",
            rf"$Y = {Y[0, 0]:g}$",
            rf"$C = {num(cost)}$",
        ]
    ),
    "C0",
    path=False,
)
panel(
    BACKWARD_Y,
    r"Backward: $\partial C/\partial W$ on each arrow",
    [grads.dC_dW1, grads.dC_dW2],
    [
        rf"$\partial C/\partial (Z_1)_{{1{k + 1}}} = {num(dC_dZ1[0, k])}$"
        for k in range(2)
    ],
    "\n".join(
        [
            r"$\partial C/\partial A_2$",
            rf"$= {num(dC_dA2[0, 0])}$",
            r"$\partial C/\partial Z_2$",
            rf"$= {num(dC_dZ2[0, 0])}$",
        ]
    ),
    "C3",
    path=True,
)

# Under the backward panel: the thick path's local slopes and their product.
text(
    0.05,
    0.98,
    r"Thick path: $\partial C/\partial (W_1)_{11}$ is the product of",
    ha="left",
    va="center",
)
for i, (name, slope) in enumerate([*PATH, (r"\mathrm{product}", path_product)]):
    row, column = divmod(i, 2)
    text(
        0.05 + column * 2.3,
        0.68 - row * 0.27,
        f"${name} = {slope:g}$" if name == "x_1" else f"${name} = {num(slope, 4)}$",
        ha="left",
        va="center",
    )

if __name__ == "__main__":
    plt.show()
