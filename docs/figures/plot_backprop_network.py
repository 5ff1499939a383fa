"""The 2-2-1 sigmoid network of the page "Backpropagation by hand".

Two inputs on the left (the example's 0.5 and 0.1, from
``handgrad.two_two_one.EXAMPLE_X``), two hidden sigmoid units, one sigmoid
output compared with the target. Each arrow is one weight, labelled by its
entry of ``W1`` (input j to hidden unit k is ``(W1)_jk``) or ``W2``; each
unit adds its bias and applies the sigmoid. Above, the forward pass runs
left to right; below, the backward pass carries the gradient right to left.
"""

import matplotlib.pyplot as plt

from handgrad.two_two_one import EXAMPLE_X, EXAMPLE_Y

INPUT_X, HIDDEN_X, OUTPUT_X, TARGET_X = 0.0, 1.0, 2.0, 2.75
LEVELS = (0.55, -0.55)  # heights of the two units in a layer of two
RADIUS = 0.17

# Narrow enough that its smallest text, 11 pt, is 11 px or more on a 375 px
# phone, where the figure is shown about 343 px wide.
fig, ax = plt.subplots(figsize=(4.4, 3.2), layout="constrained")
ax.set_aspect("equal")
ax.axis("off")


def unit(x, y, text, colour):
    ax.add_patch(
        plt.Circle((x, y), RADIUS, facecolor="none", edgecolor=colour, linewidth=1.8)
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=12)


def weight(start, end, label, colour, where, side):
    (x0, y0), (x1, y1) = start, end
    ax.annotate(
        "",
        xy=(x1 - RADIUS * 1.1, y1 + (y0 - y1) * RADIUS * 1.1 / (x1 - x0)),
        xytext=(x0 + RADIUS * 1.1, y0 + (y1 - y0) * RADIUS * 1.1 / (x1 - x0)),
        arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.2},
    )
    lx, ly = x0 + (x1 - x0) * where, y0 + (y1 - y0) * where
    if side == "above":
        ax.text(
            lx, ly + 0.06, label, ha="center", va="bottom", fontsize=11, color=colour
        )
    elif side == "below":
        ax.text(lx, ly - 0.06, label, ha="center", va="top", fontsize=11, color=colour)
    else:
        ax.text(lx + 0.08, ly, label, ha="left", va="center", fontsize=11, color=colour)


inputs = [(INPUT_X, y) for y in LEVELS]
hidden = [(HIDDEN_X, y) for y in LEVELS]
output = (OUTPUT_X, 0.0)

for j, (x, y) in enumerate(inputs):
    unit(x, y, f"$x_{j + 1}$", "C0")
    ax.text(x - 0.25, y, f"{EXAMPLE_X[0][j]:g}", ha="right", va="center")
for k, (x, y) in enumerate(hidden):
    unit(x, y, r"$\sigma$", "C1")
    ax.text(x, y - 0.3, f"$(A_1)_{k + 1}$", ha="center", va="top", fontsize=11)
unit(*output, r"$\sigma$", "C2")
ax.text(OUTPUT_X, -0.3, "$A_2$", ha="center", va="top", fontsize=11)

for j, start in enumerate(inputs):
    for k, end in enumerate(hidden):
        # The crossing arrows are labelled beside them, near their start.
        label = f"$(W_1)_{{{j + 1}{k + 1}}}$"
        if j == k:
            weight(start, end, label, "C0", 0.5, "above" if j == 0 else "below")
        else:
            weight(start, end, label, "C0", 0.22, "beside")
for k, start in enumerate(hidden):
    weight(start, output, f"$(W_2)_{{{k + 1}1}}$", "C1", 0.5, "above")

ax.text(TARGET_X, 0.0, f"target\n$Y = {EXAMPLE_Y[0][0]:g}$", ha="center", va="center")
ax.annotate(
    "forward: prediction",
    xy=(OUTPUT_X + 0.1, 1.05),
    xytext=(INPUT_X - 0.1, 1.05),
    va="center",
    arrowprops={"arrowstyle": "->", "color": "C2"},
)
ax.annotate(
    "backward: gradient",
    xy=(INPUT_X - 0.1, -1.15),
    xytext=(OUTPUT_X + 0.1, -1.15),
    va="center",
    ha="right",
    arrowprops={"arrowstyle": "->", "color": "C3"},
)
ax.set_xlim(-0.6, 3.2)
ax.set_ylim(-1.35, 1.25)

if __name__ == "__main__":
    plt.show()
