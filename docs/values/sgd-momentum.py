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


def _predicted(size):
    """The spread of a mean of ``size`` rows drawn without putting back:
    one row's spread over sqrt(size), times sqrt((m - size) / (m - 1))."""
    return spread_1 / np.sqrt(size) * np.sqrt((m - size) / (m - 1))


root_20 = spread_1 / np.sqrt(20)  # 1/sqrt(B) alone
predicted_5, predicted_20 = _predicted(5), _predicted(20)
shrink_20 = np.sqrt((m - 20) / (m - 1))

# --- The figure "minibatch noise": its settings, for its alt text ------------
scatter_draws, noise_epochs, noise_rate = 300, 6, 0.1
noise_steps_per_epoch = m // batch_size

# --- The valley of raw x: 1000 steps of each method --------------------------
STEPS = 1000
GD_RATE, BETA, ADAM_RATE = 2.5e-4, 0.95, 1.0
steps, gd_rate, beta, adam_rate = STEPS, GD_RATE, BETA, ADAM_RATE
beta_speedup = 1 / (1 - BETA)  # 1 + beta + beta^2 + ... along a steady slope
flip_factor = 1 / (1 + BETA)  # 1 - beta + beta^2 - ... when the sign flips
start_b, start_w = 0.01, 0.01
ls_b, ls_w = least_squares(_x, _y)
ls_loss = line_mse(_x, _y, ls_b, ls_w)


def _run(optimizer):
    """The path (b, w) after 0, 1, ..., STEPS steps."""
    theta = [np.array([start_b, start_w])]
    path = [theta[0]]
    for _ in range(STEPS):
        gradient = np.array(line_mse_gradient(_x, _y, *theta[0]))
        theta = optimizer.step(theta, [gradient])
        path.append(theta[0])
    return np.array(path)


_gd, _momentum, _adam = (
    _run(SGD(GD_RATE)),
    _run(Momentum(GD_RATE, beta=BETA)),
    _run(Adam(ADAM_RATE)),
)
gd_b, gd_w = _gd[-1]
momentum_b, momentum_w = _momentum[-1]
adam_b, adam_w = _adam[-1]

# How far along the valley's floor each got, in % of the way from the start
# to the least-squares point: the floor is the direction of the smallest
# curvature, the eigenvector of the Hessian's smallest eigenvalue.
_hessian = 2 * np.array([[1, _x.mean()], [_x.mean(), (_x**2).mean()]])
_floor = np.linalg.eigh(_hessian)[1][:, 0]
gd_limit = 2 / np.linalg.eigvalsh(_hessian).max()  # 2 / the largest curvature
_ls = np.array([ls_b, ls_w])


def _along(path):
    start, end = (path[0] - _ls) @ _floor, (path[-1] - _ls) @ _floor
    return 100 * (1 - end / start)


gd_along, momentum_along, adam_along = _along(_gd), _along(_momentum), _along(_adam)
along_ratio = momentum_along / gd_along

# Adam's steps: the first is the learning rate in both parameters; later
# ones in b are far smaller, because S still remembers the start's gradients.
adam_first_db, adam_first_dw = np.abs(_adam[1] - _adam[0])
adam_late_db = float(np.abs(np.diff(_adam[100:, 0])).mean())
adam_memory = 1 / (1 - 0.999)  # beta2's memory, in steps
gd_loss = line_mse(_x, _y, gd_b, gd_w)
momentum_loss = line_mse(_x, _y, momentum_b, momentum_w)
adam_loss = line_mse(_x, _y, adam_b, adam_w)
