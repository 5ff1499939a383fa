"""Numbers quoted on the page "From one network to any network", by handgrad.

The 1-20-1 ReLU network on the bell data (``handgrad.data.bell``): the
shapes of its arrays, its training from seed 1 with learning rate 0.05 (the
loss after 0, 100, 1,000 and 5,000 steps, as in the figure), the same run
from seed 0, and the same run in float32.
"""

import numpy as np

from handgrad import linear
from handgrad.data import bell
from handgrad.losses import mse_gradient
from handgrad.network import Network, backward, forward
from handgrad.training import train

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
line_loss = linear.line_mse(_X[:, 0], _Y[:, 0], _b, _w)

# --- The shapes, read off the arrays the passes compute ---------------------
_net = Network.init(SIZES, ACTIVATIONS, seed=1)
n_parameters = _net.n_parameters
_Z, _A = forward(_net, _X)
_dC_dW, _dC_db = backward(_net, _Z, _A, mse_gradient(_A[-1], _Y))
# backward keeps dC/dZ and dC/dA to itself: the same formulas give them here.
_dC_dA = {2: mse_gradient(_A[2], _Y)}
_dC_dZ = {}
for _i in (1, 0):
    _dC_dZ[_i] = _dC_dA[_i + 1] * _net.activations[_i].prime(_Z[_i])
    _dC_dA[_i] = _dC_dZ[_i] @ _net.W[_i].T


def _shape(array: np.ndarray) -> str:
    return f"${tuple(array.shape)}$"


_ROWS = [
    # (maths, name in forward and backward with i = l - 1, general shape,
    #  the array in each layer)
    (r"$A^{[l-1]}$", "`A[i]`, `A_prev`", r"$(m, n_{l-1})$", lambda i: _A[i]),
    (r"$W^{[l]}$", "`W[i]`", r"$(n_{l-1}, n_l)$", lambda i: _net.W[i]),
    (r"$b^{[l]}$", "`b[i]`", r"$(n_l,)$", lambda i: _net.b[i]),
    (r"$Z^{[l]}$", "`Z[i]`", r"$(m, n_l)$", lambda i: _Z[i]),
    (r"$A^{[l]}$", "`A[i + 1]`", r"$(m, n_l)$", lambda i: _A[i + 1]),
    (
        r"$\frac{\partial C}{\partial A^{[l]}}$",
        "`dC_dA`, as the layer starts",
        r"$(m, n_l)$",
        lambda i: _dC_dA[i + 1],
    ),
    (
        r"$\frac{\partial C}{\partial Z^{[l]}}$",
        "`dC_dZ`",
        r"$(m, n_l)$",
        lambda i: _dC_dZ[i],
    ),
    (
        r"$\frac{\partial C}{\partial W^{[l]}}$",
        "`dC_dW[i]`",
        r"$(n_{l-1}, n_l)$",
        lambda i: _dC_dW[i],
    ),
    (
        r"$\frac{\partial C}{\partial b^{[l]}}$",
        "`dC_db[i]`",
        r"$(n_l,)$",
        lambda i: _dC_db[i],
    ),
    (
        r"$\frac{\partial C}{\partial A^{[l-1]}}$",
        "`dC_dA`, as the layer ends",
        r"$(m, n_{l-1})$",
        lambda i: _dC_dA[i],
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

# --- Training from seed 1 ------------------------------------------------------
_loss = train(_net, _X, _Y, learning_rate=LEARNING_RATE, steps=STEPS).loss
loss_0 = float(_loss[0])  # _loss[t] is the loss after t steps
loss_100 = float(_loss[100])
loss_1000 = float(_loss[1_000])
loss_5000 = float(_loss[STEPS])
final_over_floor = loss_5000 / noise_floor
# The first step count after which the network beats the best straight line.
steps_to_beat_line = int(np.argmax(_loss < line_loss))


# --- The same run from seed 0: a spike in the first steps --------------------
def _largest_curvature(net: Network) -> float:
    """The largest eigenvalue of the loss's matrix of second derivatives
    with respect to all parameters, each column a central difference of the
    gradient (61 parameters: 122 gradients)."""
    arrays = [*net.W, *net.b]
    columns = []
    for array in arrays:
        for k in range(array.size):
            saved = array.flat[k]
            slopes = []
            for nudge in (1e-5, -1e-5):
                array.flat[k] = saved + nudge
                dC_dW, dC_db = net.gradients(_X, _Y)
                slopes.append(np.concatenate([g.ravel() for g in (*dC_dW, *dC_db)]))
            array.flat[k] = saved
            columns.append((slopes[0] - slopes[1]) / 2e-5)
    H = np.array(columns)
    return float(np.linalg.eigvalsh((H + H.T) / 2).max())


_net0 = Network.init(SIZES, ACTIVATIONS, seed=0)
seed0_curvature = _largest_curvature(_net0)
seed0_limit = 2 / seed0_curvature
_h0 = train(_net0, _X, _Y, learning_rate=LEARNING_RATE, steps=STEPS).loss
seed0_start = float(_h0[0])
seed0_peak = float(_h0.max())
seed0_peak_step = int(_h0.argmax())
seed0_final = float(_h0[-1])
# Below the limit the cost falls at every step.
SMALL_RATE = 0.03
_h0_small = train(
    Network.init(SIZES, ACTIVATIONS, seed=0),
    _X,
    _Y,
    learning_rate=SMALL_RATE,
    steps=STEPS,
).loss
seed0_small_rate_falls = bool(np.all(np.diff(_h0_small) < 0))
assert seed0_small_rate_falls, "at 0.03 the seed-0 cost should fall at every step"

# --- The seed-1 run in float32 ------------------------------------------------
_net32 = Network.init(SIZES, ACTIVATIONS, seed=1, dtype=np.float32)
_h32 = train(_net32, _X, _Y, learning_rate=LEARNING_RATE, steps=STEPS).loss
float32_loss = float(_h32[-1])
float32_largest_gap = float(np.max(np.abs(_h32 - _loss) / _loss))
seed0_over_seed1 = seed0_final / loss_5000
# Both runs go on to 15,000 steps: they reach the same cost.
LONG_STEPS = 15_000
seed0_long = float(
    train(_net0, _X, _Y, learning_rate=LEARNING_RATE, steps=LONG_STEPS - STEPS).loss[-1]
)
seed1_long = float(
    train(_net, _X, _Y, learning_rate=LEARNING_RATE, steps=LONG_STEPS - STEPS).loss[-1]
)


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
deep_loss = float(
    train(_deep, _X, _Y, learning_rate=LEARNING_RATE, steps=STEPS).loss[-1]
)
deep_parameters = _deep.n_parameters
