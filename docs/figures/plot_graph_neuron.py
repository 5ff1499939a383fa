"""One sigmoid neuron and its cost as a computational graph, after the backward sweep.

The cost ``C = (sigmoid(w x + b) - y)^2``, with the square written as
``d * d``, is built from :class:`handgrad.autodiff.Value` and swept once by
``backward()``. Each operation is a circle; the inputs are names on the
left. Above each wire: the value that flows forward along it. Below it: the
gradient ``dC/d(value)`` that flows back. The two wires from ``d`` into the
product are its two uses; ``d``'s gradient is the sum of theirs.
"""

import matplotlib.pyplot as plt

from handgrad.autodiff import Value

# The example of the page "Computational graphs" (docs/values/computational-graphs.py).
EXAMPLE = {"x": 1.5, "w": 0.8, "b": -0.5, "y": 1.0}

x, w, b = Value(EXAMPLE["x"]), Value(EXAMPLE["w"]), Value(EXAMPLE["b"])
p = w * x
z = p + b
a = z.sigmoid()
d = a - EXAMPLE["y"]
C = d * d
C.backward()

RADIUS = 0.32
fig, ax = plt.subplots(figsize=(7.2, 3.0), layout="constrained")
ax.set_aspect("equal")
ax.axis("off")
ax.set_xlim(-0.8, 8.6)
ax.set_ylim(-1.75, 1.65)


def node(at, text):
    ax.add_patch(
        plt.Circle(at, RADIUS, facecolor="none", edgecolor="C0", linewidth=1.8)
    )
    ax.text(*at, text, ha="center", va="center", fontsize=12)


def wire(start, end, value, name, bend=0.0, shrink_start=RADIUS, label_at=0.5):
    """An arrow from start to end, its value above and its gradient below."""
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={
            "arrowstyle": "->",
            "color": "C7",
            "linewidth": 1.2,
            "shrinkA": shrink_start * 72 * 0.75,
            "shrinkB": RADIUS * 72 * 0.75,
            "connectionstyle": f"arc3,rad={bend}",
        },
    )
    (x0, y0), (x1, y1) = start, end
    lx, ly = x0 + (x1 - x0) * label_at, y0 + (y1 - y0) * label_at - bend * 1.1
    ax.text(lx, ly + 0.1, f"{value.data:.3f}", ha="center", va="bottom", color="C2")
    ax.text(
        lx,
        ly - 0.1,
        f"{value.grad:.3f}",
        ha="center",
        va="top",
        color="C3",
        fontsize=9,
    )
    if name:
        ax.text(x0 - 0.15, y0, name, ha="right", va="center", fontsize=12)


at = {
    "x": (0.0, 1.2),
    "w": (0.0, -0.6),
    "*": (1.6, 0.3),
    "b": (1.6, -1.2),
    "+": (3.1, 0.3),
    "sigmoid": (4.6, 0.3),
    "y": (4.6, -1.2),
    "-": (6.1, 0.3),
    "square": (7.8, 0.3),
}
node(at["*"], r"$\times$")
node(at["+"], "$+$")
node(at["sigmoid"], r"$\sigma$")
node(at["-"], "$-$")
node(at["square"], r"$\times$")
wire(at["x"], at["*"], x, "$x$", shrink_start=0)
wire(at["w"], at["*"], w, "$w$", shrink_start=0)
wire(at["*"], at["+"], p, "")
wire(at["b"], at["+"], b, "$b$", shrink_start=0, label_at=0.35)
wire(at["+"], at["sigmoid"], z, "")
wire(at["sigmoid"], at["-"], a, "")
ax.text(*at["y"], f"$y = {EXAMPLE['y']:g}$", ha="center", va="center", fontsize=11)
ax.annotate(
    "",
    xy=at["-"],
    xytext=(at["y"][0] + 0.35, at["y"][1] + 0.15),
    arrowprops={"arrowstyle": "->", "color": "C7", "shrinkB": RADIUS * 54},
)
# The two uses of d: one wire above, one below, each carrying d's value and
# the gradient of that use, d (the other factor) times C's gradient 1.
for bend in (-0.45, 0.45):
    ax.annotate(
        "",
        xy=at["square"],
        xytext=at["-"],
        arrowprops={
            "arrowstyle": "->",
            "color": "C7",
            "linewidth": 1.2,
            "shrinkA": RADIUS * 54,
            "shrinkB": RADIUS * 54,
            "connectionstyle": f"arc3,rad={bend}",
        },
    )
mid = (at["-"][0] + at["square"][0]) / 2
use = d.data  # each use's gradient: the other factor, d, times dC/dC = 1
ax.text(mid, 0.78, f"{d.data:.3f}", ha="center", va="bottom", color="C2")
ax.text(mid, 0.64, f"{use:.3f}", ha="center", va="top", color="C3", fontsize=9)
ax.text(mid, -0.05, f"{d.data:.3f}", ha="center", va="bottom", color="C2")
ax.text(mid, -0.19, f"{use:.3f}", ha="center", va="top", color="C3", fontsize=9)
ax.text(mid, 1.25, "use 1", ha="center", va="bottom", fontsize=8)
ax.text(mid, -0.62, "use 2", ha="center", va="top", fontsize=8)
ax.text(8.25, 0.3, f"$C$\n{C.data:.3f}", ha="left", va="center", color="C2")
ax.text(
    -0.8,
    -1.7,
    f"value above each wire, gradient $\\partial C/\\partial$(value) below; "
    f"$\\partial C/\\partial d$ = {use:.3f} + {use:.3f} = {d.grad:.3f}",
    ha="left",
    va="bottom",
    fontsize=9,
)

if __name__ == "__main__":
    plt.show()
