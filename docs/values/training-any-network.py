"""Numbers quoted on the page "Training the 1-20-1 network", by handgrad.

The 1-20-1 ReLU network on the bell data (``handgrad.data.bell``): its
training from seed 1 with learning rate 0.05 (the loss after 0, 100, 1,000
and 5,000 steps, as in the figure), the same run from seed 0 and its
overshoot, the seed-1 run in float32, and the deeper network of exercise 1.
"""

import numpy as np

from handgrad import linear
from handgrad.data import bell
from handgrad.network import Network
from handgrad.training import train

SIZES = [1, 20, 1]
ACTIVATIONS = ["relu", "identity"]
LEARNING_RATE = 0.05
STEPS = 5_000
NOISE = 0.05  # the default noise of bell()

_X, _Y = bell()
noise_floor = NOISE**2
_b, _w = linear.least_squares(_X[:, 0], _Y[:, 0])
line_loss = linear.line_mse(_X[:, 0], _Y[:, 0], _b, _w)

# --- Training from seed 1 ------------------------------------------------------
_net = Network.init(SIZES, ACTIVATIONS, seed=1)
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
seed0_over_seed1 = seed0_final / loss_5000
# Both runs go on to 15,000 steps: they reach the same cost.
LONG_STEPS = 15_000
seed0_long = float(
    train(_net0, _X, _Y, learning_rate=LEARNING_RATE, steps=LONG_STEPS - STEPS).loss[-1]
)
seed1_long = float(
    train(_net, _X, _Y, learning_rate=LEARNING_RATE, steps=LONG_STEPS - STEPS).loss[-1]
)

# --- The seed-1 run in float32 ------------------------------------------------
_net32 = Network.init(SIZES, ACTIVATIONS, seed=1, dtype=np.float32)
_h32 = train(_net32, _X, _Y, learning_rate=LEARNING_RATE, steps=STEPS).loss
float32_loss = float(_h32[-1])
float32_largest_gap = float(np.max(np.abs(_h32 - _loss) / _loss))


def _tex(value: float, digits: int = 1) -> str:
    """``value`` in scientific notation for KaTeX: ``1.3 \\times 10^{-6}``."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


float32_gap_tex = _tex(float32_largest_gap)
# Significant decimal digits: the bits of the significand times log10(2).
float32_digits = (np.finfo(np.float32).nmant + 1) * np.log10(2)
float64_digits = (np.finfo(np.float64).nmant + 1) * np.log10(2)

# --- Exercise 1: two hidden layers --------------------------------------------
true_curve_loss = float(np.mean((np.exp(-(_X**2)) - _Y) ** 2))
_deep = Network.init([1, 20, 20, 1], ["relu", "relu", "identity"], seed=1)
deep_loss = float(
    train(_deep, _X, _Y, learning_rate=LEARNING_RATE, steps=STEPS).loss[-1]
)
deep_parameters = _deep.n_parameters
