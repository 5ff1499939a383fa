"""Numbers quoted on the page "From one network to any network", by handgrad.

The 1-20-1 ReLU network on the bell data (``handgrad.data.bell``): the
shapes of its arrays, its training from seed 1 with learning rate 0.05 (the
loss after 0, 100, 1,000 and 5,000 steps, as in the figure), the same run
from seed 0, and the same run in float32.
"""

import numpy as np

from handgrad import linear
from handgrad.data import bell
from handgrad.network import Network

SIZES = [1, 20, 1]
ACTIVATIONS = ["relu", "identity"]
LEARNING_RATE = 0.05
STEPS = 5_000
NOISE = 0.05  # the default noise of bell()

_X, _Y = bell()
m = len(_X)
n_hidden = SIZES[1]
noise_floor = NOISE**2
_b, _w = linear.least_squares(_X[:, 0], _Y[:, 0])
line_loss = linear.mse(_X[:, 0], _Y[:, 0], _b, _w)

# --- The shapes, read off the arrays the library allocates -----------------
_net = Network.init(SIZES, ACTIVATIONS, seed=1)
n_parameters = int(_net.theta.size)
_c = _net.new_cache(m)


def _shape(array: np.ndarray) -> str:
    return f"${tuple(array.shape)}$"


_ROWS = [
    # (maths, code with i = l - 1, general shape, the array in each layer)
    (r"$A^{[l-1]}$", "`A[i]`", r"$(m, n_{l-1})$", lambda i: _c.A[i]),
    (r"$W^{[l]}$", "`W[i]`", r"$(n_{l-1}, n_l)$", lambda i: _net.W[i]),
    (r"$b^{[l]}$", "`b[i]`", r"$(n_l,)$", lambda i: _net.b[i]),
    (r"$Z^{[l]}$", "`Z[i]`", r"$(m, n_l)$", lambda i: _c.Z[i]),
    (r"$A^{[l]}$", "`A[i + 1]`", r"$(m, n_l)$", lambda i: _c.A[i + 1]),
    (
        r"$\frac{\partial C}{\partial A^{[l]}}$",
        "`dC_dA[i + 1]`",
        r"$(m, n_l)$",
        lambda i: _c.dC_dA[i + 1],
    ),
    (
        r"$\frac{\partial C}{\partial Z^{[l]}}$",
        "`dC_dZ[i]`",
        r"$(m, n_l)$",
        lambda i: _c.dC_dZ[i],
    ),
    (
        r"$\frac{\partial C}{\partial W^{[l]}}$",
        "`dC_dW[i]`",
        r"$(n_{l-1}, n_l)$",
        lambda i: _c.dC_dW[i],
    ),
    (
        r"$\frac{\partial C}{\partial b^{[l]}}$",
        "`dC_db[i]`",
        r"$(n_l,)$",
        lambda i: _c.dC_db[i],
    ),
    (
        r"$\frac{\partial C}{\partial A^{[l-1]}}$",
        "`dC_dA[i]`",
        r"$(m, n_{l-1})$",
        lambda i: _c.dC_dA[i],
    ),
]
shapes_table = "\n".join(
    [
        "| Array | In the code | Shape | Layer $l = 1$ | Layer $l = 2$ |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| {maths} | {code} | {shape} | {_shape(get(0))} | {_shape(get(1))} |"
            for maths, code, shape, get in _ROWS
        ),
    ]
)

# --- Training from seed 1, in chunks between the figure's snapshots ---------
_losses, _done = [], 0
for _t in (100, 1_000, STEPS):
    _losses.append(_net.train(_X, _Y, learning_rate=LEARNING_RATE, steps=_t - _done))
    _done = _t
_loss = np.append(np.concatenate(_losses), _net.loss(_X, _Y))  # after t steps
loss_0 = float(_loss[0])
loss_100 = float(_loss[100])
loss_1000 = float(_loss[1_000])
loss_5000 = float(_loss[STEPS])
final_over_floor = loss_5000 / noise_floor
# The first step count after which the network beats the best straight line.
steps_to_beat_line = int(np.argmax(_loss < line_loss))

# --- The same run from seed 0: a spike in the first steps --------------------
_net0 = Network.init(SIZES, ACTIVATIONS, seed=0)
_h0 = _net0.train(_X, _Y, learning_rate=LEARNING_RATE, steps=STEPS)
seed0_start = float(_h0[0])
seed0_peak = float(_h0.max())
seed0_peak_step = int(_h0.argmax())
seed0_final = _net0.loss(_X, _Y)

# --- The seed-1 run in float32 ------------------------------------------------
_net32 = Network.init(SIZES, ACTIVATIONS, seed=1, dtype=np.float32)
_h32 = _net32.train(_X, _Y, learning_rate=LEARNING_RATE, steps=STEPS)
float32_loss = _net32.loss(_X, _Y)
float32_largest_gap = float(np.max(np.abs(_h32 - _loss[:-1]) / _loss[:-1]))
seed0_over_seed1 = seed0_final / loss_5000


def _tex(value: float, digits: int = 1) -> str:
    """``value`` in scientific notation for KaTeX: ``1.3 \\times 10^{-6}``."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


float32_gap_tex = _tex(float32_largest_gap)
# Significant decimal digits: the bits of the significand times log10(2).
float32_digits = (np.finfo(np.float32).nmant + 1) * np.log10(2)
float64_digits = (np.finfo(np.float64).nmant + 1) * np.log10(2)

# --- Exercise 2: two hidden layers --------------------------------------------
true_curve_loss = float(np.mean((np.exp(-(_X**2)) - _Y) ** 2))
_deep = Network.init([1, 20, 20, 1], ["relu", "relu", "identity"], seed=1)
_deep.train(_X, _Y, learning_rate=LEARNING_RATE, steps=STEPS)
deep_loss = _deep.loss(_X, _Y)
deep_parameters = int(_deep.theta.size)
