"""Numbers quoted on the page "Stochastic gradient descent and momentum", by handgrad.

Minibatch gradients of the line's mean squared error on ``mass_height()``
(standardised x), and gradient descent, momentum and Adam on the raw-x
valley of the page "Gradient descent, two parameters".
"""

import numpy as np

from handgrad.data import mass_height
from handgrad.linear import Standardizer, least_squares, line_mse, line_mse_gradient
from handgrad.optim import SGD, Adam, Momentum

_x, _y = mass_height()
m = len(_x)
_x_std = Standardizer.from_data(_x).transform(_x)

# --- Minibatch gradients at one point: unbiased, with a spread ~ 1/sqrt(B) ---
b_at, w_at = 0.0, 0.0
_full = np.array(line_mse_gradient(_x_std, _y, b_at, w_at))
full_db, full_dw = _full
_rng = np.random.default_rng(0)
batch_size = 5
n_batches = m // batch_size
_order = _rng.permutation(m)
_epoch = np.array(
    [
        line_mse_gradient(_x_std[rows], _y[rows], b_at, w_at)
        for rows in np.split(_order, n_batches)
    ]
)
epoch_mean_error = float(np.abs(_epoch.mean(axis=0) - _full).max())


def _spread(size, draws=2000):
    """Standard deviation of dC/dw over random minibatches of ``size`` rows."""
    rng = np.random.default_rng(1)
    found = [
        line_mse_gradient(_x_std[rows], _y[rows], b_at, w_at)[1]
        for rows in (rng.choice(m, size, replace=False) for _ in range(draws))
    ]
    return float(np.std(found))


spread_1, spread_5, spread_20 = _spread(1), _spread(5), _spread(20)

# --- The valley of raw x: 1000 steps of each method --------------------------
STEPS = 1000
GD_RATE, BETA, ADAM_RATE = 2.5e-4, 0.95, 1.0
steps, gd_rate, beta, adam_rate = STEPS, GD_RATE, BETA, ADAM_RATE
beta_speedup = 1 / (1 - BETA)
start_b, start_w = 0.01, 0.01
ls_b, ls_w = least_squares(_x, _y)
ls_loss = line_mse(_x, _y, ls_b, ls_w)


def _run(optimizer):
    theta = [np.array([start_b, start_w])]
    for _ in range(STEPS):
        gradient = np.array(line_mse_gradient(_x, _y, *theta[0]))
        theta = optimizer.step(theta, [gradient])
    return theta[0]


gd_b, gd_w = _run(SGD(GD_RATE))
momentum_b, momentum_w = _run(Momentum(GD_RATE, beta=BETA))
adam_b, adam_w = _run(Adam(ADAM_RATE))
gd_loss = line_mse(_x, _y, gd_b, gd_w)
momentum_loss = line_mse(_x, _y, momentum_b, momentum_w)
adam_loss = line_mse(_x, _y, adam_b, adam_w)
