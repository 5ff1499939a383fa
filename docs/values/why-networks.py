"""Numbers quoted on the page "Why a straight line is not enough", by handgrad.

The bell data (``handgrad.data.bell``), the least-squares line through it,
and the 1-20-1 ReLU network trained on it: seed 1, learning rate 0.05,
5,000 steps of full-batch gradient descent, as in the page's figures.
"""

import numpy as np

from handgrad import linear
from handgrad.data import bell
from handgrad.network import Network
from handgrad.training import train

SIZES = [1, 20, 1]
SEED = 1
LEARNING_RATE = 0.05
STEPS = 5_000
NOISE = 0.05  # the default noise of bell()

_X, _Y = bell()
_x, _y = _X[:, 0], _Y[:, 0]
m = len(_x)
x_min, x_max = float(_x.min()), float(_x.max())

# The best straight line and its mean squared error.
line_b, line_w = linear.least_squares(_x, _y)
line_loss = linear.line_mse(_x, _y, line_b, line_w)
y_mean = float(_y.mean())

# No model can predict the noise: the true curve itself scores about NOISE**2.
noise_floor = NOISE**2
true_curve_loss = float(np.mean((np.exp(-(_x**2)) - _y) ** 2))
line_over_floor = line_loss / noise_floor

# The trained network.
_net = Network.init(SIZES, ["relu", "identity"], seed=SEED)
_history = train(_net, _X, _Y, learning_rate=LEARNING_RATE, steps=STEPS).loss
net_start_loss = float(_history[0])
net_loss = float(_history[-1])
net_over_floor = net_loss / noise_floor
line_over_net = line_loss / net_loss
n_parameters = _net.n_parameters

# The hidden units: the kink of unit k is at x = -b1[k] / W1[0, k].
_kinks = -_net.b[0] / _net.W[0][0]
kink_min, kink_max = float(_kinks.min()), float(_kinks.max())
kinks_inside = int(np.sum((_kinks > x_min) & (_kinks < x_max)))
kinks_near_zero = int(np.sum(np.abs(_kinks) < 0.1))

# The sum of the scaled units plus the output bias against the network's output.
_units = np.maximum(_X @ _net.W[0] + _net.b[0], 0.0) * _net.W[1][:, 0]
sum_gap = float(np.max(np.abs(_units.sum(axis=1) + _net.b[1][0] - _net(_X)[:, 0])))

# The unit drawn alone in the figure: of those with a negative output weight,
# the one whose kink lies farthest from 0 (numbered from 1, as on the page).
_w2 = _net.W[1][:, 0]
_k = int(np.argmax(np.where(_w2 < 0, np.abs(_kinks), -np.inf)))
fig_unit = _k + 1
fig_unit_w1 = float(_net.W[0][0, _k])
fig_unit_b1 = float(_net.b[0][_k])
fig_unit_w2 = float(_w2[_k])
fig_unit_kink = float(_kinks[_k])
output_bias = float(_net.b[1][0])

# Exercise 1: a hat of three ReLU units, set by hand (kinks at -1.5, 0, 1.5).
_hat = Network(
    [[[1.0, 1.0, 1.0]], [[1 / 1.5], [-2 / 1.5], [1 / 1.5]]],
    [[1.5, 0.0, -1.5], [0.0]],
    ["relu", "identity"],
)
hat_loss = _hat.loss(_X, _Y)
line_over_hat = line_loss / hat_loss

# Exercise 3: the same network with sigmoid hidden units.
_sig = Network.init(SIZES, ["sigmoid", "identity"], seed=SEED)
sigmoid_loss = float(
    train(_sig, _X, _Y, learning_rate=LEARNING_RATE, steps=STEPS).loss[-1]
)

# The largest scaled unit on the figure's range, x in [-3, 3].
_grid = np.linspace(-3.0, 3.0, 601)[:, None]
piece_max = float(np.max(np.abs(np.maximum(_grid @ _net.W[0] + _net.b[0], 0.0) * _w2)))

# Exercise 4: the best flat line is the mean of the targets; its MSE is their
# variance, and the best tilted line does only a little better.
flat_loss = float(np.mean((_y - y_mean) ** 2))
line_gain_percent = 100 * (1 - line_loss / flat_loss)
